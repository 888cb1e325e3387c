namespace DumpDist.Core.Tree;

/// <summary>
/// The tree root a directory belongs to: the inverse of <see cref="ServedTree.PathOf"/>, so every
/// one-off command given a tree, its <c>public/</c>, a wiki or a run finds the same root (and the
/// same default state directory) as <c>dumpdist web --root</c> over that tree.
/// </summary>
public static class TreeRoot
{
    /// <summary>How many levels above a directory a <c>public/</c> is looked for (public/other/DATASET/DATE/sub).</summary>
    private const int MaxDepthBelowPublic = 4;

    /// <summary>
    /// The root of <paramref name="directory"/>: itself when it holds <c>public/</c>; the parent of
    /// the nearest <c>public/</c> above it when the level under that is a wiki or <c>other/</c>;
    /// for a tree without <c>public/</c>, the directory above the wiki of a run (or of a wiki);
    /// else the directory itself.
    /// </summary>
    public static string Of(string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (Directory.Exists(Path.Combine(full, DumpTree.PublicDirectoryName)))
        {
            return full;
        }

        string? below = null;
        var current = full;
        for (var depth = 0; depth <= MaxDepthBelowPublic && current is not null; depth++)
        {
            if (Path.GetFileName(current) == DumpTree.PublicDirectoryName
                && (below is null || Path.GetFileName(below) == DumpTree.OtherDirectoryName || HoldsRuns(below))
                && Path.GetDirectoryName(current) is { } above)
            {
                return above;
            }

            below = current;
            current = Path.GetDirectoryName(current);
        }

        if (RunDate.IsRunDirectoryName(Path.GetFileName(full)) && Path.GetDirectoryName(Path.GetDirectoryName(full)!) is { } plainRoot)
        {
            return plainRoot;
        }

        return HoldsRuns(full) && Path.GetDirectoryName(full) is { } parent ? parent : full;
    }

    /// <summary>A wiki directory: one with at least one run directory (<c>YYYYMMDD</c>) in it.</summary>
    private static bool HoldsRuns(string directory)
    {
        try
        {
            return Directory.EnumerateDirectories(directory).Any(d => RunDate.IsRunDirectoryName(Path.GetFileName(d)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
