namespace DumpDist.Core.Tree;

/// <summary>
/// Scans a tree again and again, re-reading only what changed since the previous scan: a run's
/// <c>dumpstatus.json</c> is parsed again only when its size or mtime changed, a <c>latest/</c>
/// directory only when it or its wiki directory changed (a link added or removed, a run removed).
/// Directory listings are read each time (about 10,000 at production scale, tens of milliseconds);
/// the JSON parsing they avoid is what made a whole scan of 1,000,000 files take seconds.
/// One scan at a time: the caller serialises <see cref="Scan"/>.
/// </summary>
public sealed class IncrementalTreeScanner
{
    private readonly string _root;
    private Dictionary<string, CachedRun> _runs = new(StringComparer.Ordinal);
    private Dictionary<string, CachedLatest> _latest = new(StringComparer.Ordinal);
    private Dictionary<string, CachedRun> _seenRuns = new(StringComparer.Ordinal);
    private Dictionary<string, CachedLatest> _seenLatest = new(StringComparer.Ordinal);

    /// <summary>Creates a scanner of <paramref name="root"/> (the directory holding <c>public/</c>).</summary>
    public IncrementalTreeScanner(string root)
    {
        _root = root;
    }

    /// <summary>Run statuses parsed by the last scan (the others came from the previous one).</summary>
    public int RunsReadLastScan { get; private set; }

    /// <summary>Scans the tree; the result is a complete snapshot, as <see cref="DumpTree.Scan(string)"/> would return.</summary>
    public DumpTreeSnapshot Scan()
    {
        RunsReadLastScan = 0;
        _seenRuns = new Dictionary<string, CachedRun>(_runs.Count, StringComparer.Ordinal);
        _seenLatest = new Dictionary<string, CachedLatest>(_latest.Count, StringComparer.Ordinal);
        var snapshot = DumpTree.Scan(_root, new TreeReaders(ReadRun, ReadLatest));
        // Only what this scan met is kept: removed runs and wikis do not stay in memory.
        _runs = _seenRuns;
        _latest = _seenLatest;
        return snapshot;
    }

    private DumpRun ReadRun(string wiki, string runDirectory)
    {
        var status = new FileInfo(Path.Combine(runDirectory, DumpStatusReader.FileName));
        var stamp = status.Exists ? (status.LastWriteTimeUtc.Ticks, status.Length) : (0L, -1L);
        if (!_runs.TryGetValue(runDirectory, out var cached) || cached.Stamp != stamp)
        {
            cached = new CachedRun(stamp, DumpTree.ReadRun(wiki, runDirectory));
            RunsReadLastScan++;
        }

        _seenRuns[runDirectory] = cached;
        return cached.Run;
    }

    private IReadOnlyList<LatestEntry> ReadLatest(string latestDirectory, List<TreeProblem> problems)
    {
        var stamp = (Directory.GetLastWriteTimeUtc(latestDirectory).Ticks, Directory.GetLastWriteTimeUtc(Path.GetDirectoryName(latestDirectory)!).Ticks);
        if (!_latest.TryGetValue(latestDirectory, out var cached) || cached.Stamp != stamp)
        {
            var found = new List<TreeProblem>();
            cached = new CachedLatest(stamp, DumpTree.ReadLatest(latestDirectory, found), found);
        }

        _seenLatest[latestDirectory] = cached;
        problems.AddRange(cached.Problems);
        return cached.Entries;
    }

    private sealed record CachedRun((long Ticks, long Length) Stamp, DumpRun Run);

    private sealed record CachedLatest((long Latest, long Wiki) Stamp, IReadOnlyList<LatestEntry> Entries, IReadOnlyList<TreeProblem> Problems);
}
