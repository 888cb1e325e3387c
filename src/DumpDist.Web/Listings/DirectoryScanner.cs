using DumpDist.Core.IO;
using DumpDist.Web.Confinement;

namespace DumpDist.Web.Listings;

/// <summary>Reads a directory's published entries: excluded names and symlinks leaving the root are left out.</summary>
internal static class DirectoryScanner
{
    public static List<ListingEntry> Scan(string physicalDirectory, string rootReal)
    {
        var entries = new List<ListingEntry>();
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
        foreach (var info in new DirectoryInfo(physicalDirectory).EnumerateFileSystemInfos("*", options))
        {
            if (PublishFilter.IsExcluded(info.Name))
            {
                continue;
            }

            var target = info;
            if (info.LinkTarget is not null)
            {
                var real = RealPath.Of(info.FullName);
                if (real is null || !(real == rootReal || real.StartsWith(rootReal + "/", StringComparison.Ordinal))
                    || PublishFilter.IsExcludedPath(real.AsSpan(Math.Min(real.Length, rootReal.Length + 1))))
                {
                    continue;
                }

                target = Directory.Exists(real) ? new DirectoryInfo(real) : new FileInfo(real);
                if (!target.Exists)
                {
                    continue;
                }
            }

            var isDirectory = target is DirectoryInfo;
            var size = target is FileInfo file ? file.Length : 0;
            entries.Add(new ListingEntry(info.Name, isDirectory, size, new DateTimeOffset(target.LastWriteTimeUtc, TimeSpan.Zero)));
        }

        // Directories first, then names in ordinal order: dates and job names sort as people expect.
        entries.Sort(static (a, b) => a.IsDirectory != b.IsDirectory
            ? (a.IsDirectory ? -1 : 1)
            : string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }
}
