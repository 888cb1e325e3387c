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
    public static DumpTreeSnapshot Scan(string root)
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
            else if (ScanWikiDirectory(name, directory, problems) is { } wiki)
            {
                wikis.Add(wiki);
            }
        }

        return new DumpTreeSnapshot(root, wikis, others, problems);
    }

    /// <summary>
    /// Scans one wiki under <c>&lt;root&gt;/public/</c>; null when <paramref name="wiki"/> is not a safe
    /// directory name or holds no runs and no latest/ directory.
    /// </summary>
    public static WikiDumps? ScanWiki(string root, string wiki, List<TreeProblem>? problems = null)
    {
        if (!IsSafeName(wiki) || wiki == OtherDirectoryName || PublishRules.IsExcludedDirectoryName(wiki))
        {
            return null;
        }

        var directory = Path.Combine(root, PublicDirectoryName, wiki);
        return Directory.Exists(directory) ? ScanWikiDirectory(wiki, directory, problems ?? []) : null;
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
            return new DumpRun(wiki, date, runDirectory, null, new TreeProblem(statusPath, "missing"));
        }

        var result = DumpStatusReader.Read(statusPath);
        return new DumpRun(wiki, date, runDirectory, result.Value, result.Problem);
    }

    private static WikiDumps? ScanWikiDirectory(string name, string directory, List<TreeProblem> problems)
    {
        var runs = new List<DumpRun>();
        var hasLatest = false;
        foreach (var sub in SortedSubdirectories(directory))
        {
            var subName = Path.GetFileName(sub);
            if (RunDate.IsRunDirectoryName(subName))
            {
                var run = ReadRun(name, sub);
                runs.Add(run);
                if (run.StatusProblem is { } problem)
                {
                    problems.Add(problem);
                }
            }
            else if (subName == LatestDirectoryName)
            {
                hasLatest = true;
            }
        }

        if (runs.Count == 0 && !hasLatest)
        {
            return null;
        }

        var latest = hasLatest ? ScanLatest(Path.Combine(directory, LatestDirectoryName), problems) : [];
        return new WikiDumps(name, directory, runs, latest);
    }

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
