namespace DumpDist.Core.Tree;

/// <summary>
/// What the serving side never publishes, and which files are status/index files that must
/// arrive only after the data they describe. Shared by sync (rsync filters), web and rsync modules.
/// </summary>
public static class PublishRules
{
    /// <summary>Suffix of a file still being written; renamed to its final name when complete.</summary>
    public const string InProgressSuffix = ".inprog";

    /// <summary>Directory names whose content is never published, wherever they appear.</summary>
    public static IReadOnlyList<string> ExcludedDirectoryNames { get; } = ["bad", "save", "not", "temp", "tmp"];

    /// <summary>rsync filter patterns for what is never published (stage 1 and 2 exclude these).</summary>
    public static IReadOnlyList<string> RsyncNeverPublishedPatterns { get; } =
        ["*" + InProgressSuffix, .. ExcludedDirectoryNames.Select(d => d + "/")];

    /// <summary>rsync filter patterns for status and index files (stage 1 excludes them, stage 2 brings only them).</summary>
    public static IReadOnlyList<string> RsyncStatusAndIndexPatterns { get; } =
    [
        DumpStatusReader.FileName, "*.html", "*md5sums*.txt", "*md5sums*.json", "*sha1sums*.txt", "*sha1sums*.json",
        "dumpruninfo.txt", "dumpruninfo.json", "*-rss.xml", "latest/",
    ];

    /// <summary>True for a directory name whose content is never published.</summary>
    public static bool IsExcludedDirectoryName(string name) => ExcludedDirectoryNames.Contains(name, StringComparer.Ordinal);

    /// <summary>True for a file name that is still being written.</summary>
    public static bool IsInProgressFileName(string name) => name.EndsWith(InProgressSuffix, StringComparison.Ordinal);

    /// <summary>
    /// True when a path relative to the tree root (either separator) must never be published:
    /// an in-progress file, or anything under an excluded directory.
    /// </summary>
    public static bool IsNeverPublished(string relativePath)
    {
        var segments = Split(relativePath);
        if (segments.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (IsExcludedDirectoryName(segments[i]))
            {
                return true;
            }
        }

        return IsInProgressFileName(segments[^1]) || IsExcludedDirectoryName(segments[^1]);
    }

    /// <summary>True when a relative path is a status or index file (or lies under <c>latest/</c>).</summary>
    public static bool IsStatusOrIndexFile(string relativePath)
    {
        var segments = Split(relativePath);
        if (segments.Length == 0)
        {
            return false;
        }

        if (segments.Take(segments.Length - 1).Contains("latest", StringComparer.Ordinal))
        {
            return true;
        }

        var name = segments[^1];
        return name == DumpStatusReader.FileName
            || name.EndsWith(".html", StringComparison.Ordinal)
            || (ChecksumFile.AlgorithmOf(name) is not null && (name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal)))
            || name is "dumpruninfo.txt" or "dumpruninfo.json"
            || name.EndsWith("-rss.xml", StringComparison.Ordinal);
    }

    private static string[] Split(string relativePath) =>
        relativePath.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
}
