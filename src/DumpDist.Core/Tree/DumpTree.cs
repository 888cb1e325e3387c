namespace DumpDist.Core.Tree;

/// <summary>
/// Scans a dump tree root (the directory holding <c>public/</c>): wikis, runs, statuses, latest
/// links and other datasets. Problems (a malformed status, a dangling link) are collected, never thrown.
/// </summary>
public static class DumpTree
{
    /// <summary>The directory under the root that holds what is published.</summary>
    public const string PublicDirectoryName = "public";

    /// <summary>The directory under <c>public/</c> that holds other datasets.</summary>
    public const string OtherDirectoryName = "other";

    /// <summary>The directory of a wiki that holds the latest links and feeds.</summary>
    public const string LatestDirectoryName = "latest";

    /// <summary>Scans <paramref name="root"/>.</summary>
    public static DumpTreeSnapshot Scan(string root) => Scan(root, TreeReaders.Direct);

    /// <summary>Scans <paramref name="root"/>, reading runs and latest/ directories through <paramref name="readers"/> (a cache, for <see cref="IncrementalTreeScanner"/>).</summary>
    public static DumpTreeSnapshot Scan(string root, TreeReaders readers)
    {
        var publicPath = Path.Combine(root, PublicDirectoryName);
        if (!Directory.Exists(publicPath))
        {
            return new DumpTreeSnapshot(root, [], [], [new TreeProblem(publicPath, "no public/ directory")]);
        }

        var problems = new List<TreeProblem>();
        var wikis = new List<WikiDumps>();
        var others = new List<OtherDataset>();
        foreach (var directory in SortedSubdirectories(publicPath))
        {
            var name = Path.GetFileName(directory);
            if (PublishRules.IsExcludedDirectoryName(name))
            {
                continue;
            }

            if (name == OtherDirectoryName)
            {
                others.AddRange(ScanOther(directory));
            }
            else if (ScanWikiDirectory(name, directory, problems, readers) is { } wiki)
            {
                wikis.Add(wiki);
            }
        }

        return new DumpTreeSnapshot(root, wikis, others, problems);
    }

    /// <summary>
    /// Scans one wiki under <c>&lt;root&gt;/public/</c>; null when <paramref name="wiki"/> is not a safe
    /// directory name or is not a wiki (see <see cref="IsWiki"/>).
    /// </summary>
    public static WikiDumps? ScanWiki(string root, string wiki, List<TreeProblem>? problems = null)
    {
        if (!IsSafeName(wiki) || wiki == OtherDirectoryName || PublishRules.IsExcludedDirectoryName(wiki))
        {
            return null;
        }

        var directory = Path.Combine(root, PublicDirectoryName, wiki);
        return Directory.Exists(directory) ? ScanWikiDirectory(wiki, directory, problems ?? [], TreeReaders.Direct) : null;
    }

    /// <summary>True for a name that is one plain path segment (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; not dots only).</summary>
    public static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 255
        && name.Trim('.').Length > 0
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Reads one run directory.</summary>
    public static DumpRun ReadRun(string wiki, string runDirectory)
    {
        var date = Path.GetFileName(runDirectory);
        var statusPath = Path.Combine(runDirectory, DumpStatusReader.FileName);
        if (!File.Exists(statusPath))
        {
            return new DumpRun(wiki, date, runDirectory, null, new TreeProblem(statusPath, MissingStatus));
        }

        var result = DumpStatusReader.Read(statusPath);
        return new DumpRun(wiki, date, runDirectory, result.Value, result.Problem);
    }

    /// <summary>
    /// A top-level directory is a wiki when at least one of its run directories (<c>YYYYMMDD</c>)
    /// holds a <c>dumpstatus.json</c>: a directory of dated subdirectories from some other producer,
    /// or a <c>latest/</c> left behind, is not a wiki.
    /// </summary>
    public static bool IsWiki(IEnumerable<DumpRun> runs) => runs.Any(r => r.StatusProblem is not { Message: MissingStatus });

    private const string MissingStatus = "missing";

    private static WikiDumps? ScanWikiDirectory(string name, string directory, List<TreeProblem> problems, TreeReaders readers)
    {
        var runs = new List<DumpRun>();
        var hasLatest = false;
        foreach (var sub in SortedSubdirectories(directory))
        {
            var subName = Path.GetFileName(sub);
            if (RunDate.IsRunDirectoryName(subName))
            {
                runs.Add(readers.ReadRun(name, sub));
            }
            else if (subName == LatestDirectoryName)
            {
                hasLatest = true;
            }
        }

        if (!IsWiki(runs))
        {
            return null;
        }

        problems.AddRange(runs.Select(r => r.StatusProblem).OfType<TreeProblem>());
        var latest = hasLatest ? readers.ReadLatest(Path.Combine(directory, LatestDirectoryName), problems) : [];
        return new WikiDumps(name, directory, runs, latest);
    }

    /// <summary>Reads the entries of a wiki's <c>latest/</c> directory; dangling links go to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<LatestEntry> ReadLatest(string latestDirectory, List<TreeProblem> problems) => ScanLatest(latestDirectory, problems);

    private static List<LatestEntry> ScanLatest(string latestDirectory, List<TreeProblem> problems)
    {
        var entries = new List<LatestEntry>();
        foreach (var info in new DirectoryInfo(latestDirectory).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            var target = info.LinkTarget;
            if (target is null)
            {
                entries.Add(new LatestEntry(info.Name, null, null, true));
                continue;
            }

            var resolved = Path.GetFullPath(Path.Combine(latestDirectory, target));
            var exists = File.Exists(resolved) || Directory.Exists(resolved);
            if (!exists)
            {
                problems.Add(new TreeProblem(info.FullName, $"dangling link to {target}"));
            }

            var runDate = target.Split('/').FirstOrDefault(RunDate.IsRunDirectoryName);
            entries.Add(new LatestEntry(info.Name, target, runDate, exists));
        }

        return entries;
    }

    private static IEnumerable<OtherDataset> ScanOther(string otherDirectory)
    {
        foreach (var directory in SortedSubdirectories(otherDirectory))
        {
            var name = Path.GetFileName(directory);
            if (PublishRules.IsExcludedDirectoryName(name))
            {
                continue;
            }

            var dated = SortedSubdirectories(directory).Select(Path.GetFileName).OfType<string>().Where(RunDate.IsRunDirectoryName).ToList();
            yield return new OtherDataset(name, directory, dated);
        }
    }

    private static IEnumerable<string> SortedSubdirectories(string path) =>
        Directory.EnumerateDirectories(path).Order(StringComparer.Ordinal);
}
