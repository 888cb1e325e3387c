using DumpDist.Retention.Execution;
using DumpDist.Retention.IO;

namespace DumpDist.Retention.Compare;

/// <summary>Lists a local tree: one readdir per directory and one statx per entry, relative to its directory, as <c>find</c> does.</summary>
internal static class LocalTreeLister
{
    public static TreeListing List(string directory, PassProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var builder = new TreeListingBuilder();
        NativeWalker.Walk(
            Path.GetFullPath(directory),
            statDirectories: false,
            readLinks: true,
            PublishedFilter.Skips,
            (ReadOnlySpan<char> path, in FileStat stat, ReadOnlySpan<byte> target) =>
            {
                var seconds = (stat.ModifiedUtc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;
                builder.Add(path, new TreeEntry(stat.Kind, stat.Kind == FileKind.File ? stat.Size : 0, seconds), target);
                if ((builder.Count & 0x3FF) == 0)
                {
                    progress?.Advance(0x400);
                }
            },
            cancellationToken);
        return builder.Build(directory, wallClockMtimes: false);
    }
}
