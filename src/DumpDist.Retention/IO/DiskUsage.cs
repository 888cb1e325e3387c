namespace DumpDist.Retention.IO;

/// <summary>
/// Walks a directory the way <c>du</c> does: every entry lstat'ed once, symlinks never followed,
/// a file with several hard links counted once (later links report zero bytes).
/// </summary>
internal static class DiskUsage
{
    /// <summary>Receives the path relative to the walked root ("" for the root) and the entry's lstat.</summary>
    public delegate void EntryHandler(ReadOnlySpan<char> relativePath, in FileStat stat);

    /// <summary><c>du -s</c> of <paramref name="path"/> (itself included); zero totals when it does not exist.</summary>
    public static UsageTotals Measure(string path, CancellationToken cancellationToken = default)
    {
        var totals = default(UsageTotals);
        Walk(path, includeRoot: true, (ReadOnlySpan<char> _, in FileStat stat) => totals = totals.Add(stat), cancellationToken);
        return totals;
    }

    /// <summary>
    /// Calls <paramref name="onEntry"/> with the path relative to <paramref name="root"/> ("" for the root itself,
    /// with <paramref name="includeRoot"/>) and the lstat of every entry beneath it.
    /// </summary>
    public static void Walk(string root, bool includeRoot, EntryHandler onEntry, CancellationToken cancellationToken = default)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (NativeFiles.Stat(full) is not { } rootStat)
        {
            return;
        }

        if (includeRoot)
        {
            onEntry([], rootStat);
        }

        if (rootStat.Kind != FileKind.Directory)
        {
            return;
        }

        var seen = new HashSet<(ulong, ulong)>();
        NativeWalker.Walk(
            full,
            statDirectories: true,
            readLinks: false,
            skip: null,
            (ReadOnlySpan<char> path, in FileStat stat, ReadOnlySpan<byte> _) =>
            {
                if (stat.Links > 1 && stat.Kind != FileKind.Directory && !seen.Add((stat.Device, stat.Inode)))
                {
                    onEntry(path, stat with { Size = 0, Allocated = 0 });
                }
                else
                {
                    onEntry(path, stat);
                }
            },
            cancellationToken);
    }
}
