using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;

namespace DumpDist.Mirrors.Hosting;

/// <summary>
/// The <c>services.rsync</c> keys read where they are used, from the cluster file's current snapshot:
/// a reload applies to their next use, and a file that does not load leaves the running snapshot (and
/// so the value) in force. When a reload drops <c>services.rsync</c>, the defaults apply.
/// </summary>
internal static class LiveRsyncSettings
{
    private static readonly RsyncServiceConfig Defaults = new() { Active = "" };

    /// <summary><c>mirror_check_interval</c>: between two rounds of mirror checks.</summary>
    public static Func<TimeSpan> MirrorCheckInterval(IClusterConfigSource source) =>
        () => (source.Current.Services.Rsync ?? Defaults).MirrorCheckInterval;

    /// <summary><c>torrent_min_size</c>: verified data files at least this large get a torrent.</summary>
    public static Func<long> TorrentMinimumSize(IClusterConfigSource source) =>
        () => (source.Current.Services.Rsync ?? Defaults).TorrentMinimumSize;
}
