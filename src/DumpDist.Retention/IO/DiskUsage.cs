using System.IO.Enumeration;

namespace DumpDist.Retention.IO;

/// <summary>
/// Walks a directory the way <c>du</c> does: every entry lstat'ed once, symlinks never followed,
/// a file with several hard links counted once (later links report zero bytes).
/// </summary>
internal static class DiskUsage
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
    };

    /// <summary><c>du -s</c> of <paramref name="path"/> (itself included); zero totals when it does not exist.</summary>
    public static UsageTotals Measure(string path, CancellationToken cancellationToken = default)
    {
        var totals = default(UsageTotals);
        Walk(path, includeRoot: true, (_, stat) => totals = totals.Add(stat), cancellationToken);
        return totals;
    }

    /// <summary>
    /// Calls <paramref name="onEntry"/> with the path relative to <paramref name="root"/> ("" for the root itself,
    /// with <paramref name="includeRoot"/>) and the lstat of every entry beneath it.
    /// </summary>
    public static void Walk(string root, bool includeRoot, Action<string, FileStat> onEntry, CancellationToken cancellationToken = default)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (NativeFiles.Stat(full) is not { } rootStat)
        {
            return;
        }

        var seen = new HashSet<(ulong, ulong)>();
        if (includeRoot)
        {
            onEntry(string.Empty, rootStat);
        }

        if (rootStat.Kind != FileKind.Directory)
        {
            return;
        }

        var entries = new FileSystemEnumerable<string>(full, static (ref FileSystemEntry entry) => entry.ToFullPath(), Options)
        {
            // Never into a symlinked directory: du does not follow links, and a link may point anywhere.
            ShouldRecursePredicate = static (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        var prefix = full.Length + 1;
        var count = 0;
        foreach (var path in entries)
        {
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (NativeFiles.Stat(path) is not { } stat)
            {
                continue; // vanished between readdir and stat
            }

            if (stat.Links > 1 && stat.Kind != FileKind.Directory && !seen.Add((stat.Device, stat.Inode)))
            {
                stat = stat with { Size = 0, Allocated = 0 };
            }

            onEntry(path[prefix..], stat);
        }
    }
}
