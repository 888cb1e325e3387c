namespace DumpDist.Core.Configuration;

/// <summary>The read-only rsync daemon for mirrors (<c>services.rsync</c>); <c>hosts allow</c> comes from <c>mirrors</c>.</summary>
public sealed record RsyncServiceConfig : ServiceConfig
{
    /// <inheritdoc />
    public override ServiceKind Kind => ServiceKind.Rsync;

    /// <summary>TCP port of the daemon (<c>port</c>, default 873).</summary>
    public int Port { get; init; } = 873;

    /// <summary>rsyncd <c>max connections</c> (<c>max_connections</c>, default 10; 0 = unlimited).</summary>
    public int MaxConnections { get; init; } = 10;

    /// <summary>Daemon-wide <c>--bwlimit</c> in KiB/s (<c>bwlimit</c>, default 0 = unlimited).</summary>
    public long BandwidthLimitKiB { get; init; }

    /// <summary>One module "last N good runs" per entry (<c>keep_runs</c>, default 1, 2, 3, 4, 5).</summary>
    public IReadOnlyList<int> KeepRuns { get; init; } = [1, 2, 3, 4, 5];

    /// <summary>
    /// The daemons sit behind a balancer that sends a PROXY header (<c>proxy_protocol</c>, default false):
    /// rsyncd.conf gets <c>proxy protocol = yes</c> (only connections that start with the header are
    /// served, and <c>hosts allow</c> sees the mirror's address) and <c>dumpdist lb haproxy</c> renders
    /// <c>send-proxy-v2</c> on the rsync servers, so the two always agree.
    /// </summary>
    public bool ProxyProtocol { get; init; }

    /// <summary>Verified data files at least this large get a <c>FILE.torrent</c> with web seeds (<c>torrent_min_size</c>, bytes, default 64 MiB).</summary>
    public long TorrentMinimumSize { get; init; } = 64L << 20;

    /// <summary>How often the node checks every active mirror's trace (<c>mirror_check_interval</c>, default 15m).</summary>
    public TimeSpan MirrorCheckInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The user rsyncd serves as when the node runs as root (<c>uid</c>, default <c>nobody</c>); it must be able to read the tree.</summary>
    public string User { get; init; } = "nobody";

    /// <summary>The group rsyncd serves as when the node runs as root (<c>gid</c>, default <c>nogroup</c>).</summary>
    public string Group { get; init; } = "nogroup";
}
