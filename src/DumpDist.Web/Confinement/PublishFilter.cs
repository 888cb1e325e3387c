using DumpDist.Core.Tree;

namespace DumpDist.Web.Confinement;

/// <summary>
/// Names that are never served or listed: <see cref="PublishRules"/> (files still being written,
/// the directories dump producers keep private) plus dot files (rsync's temporary files while a
/// sync runs are <c>.name.XXXXXX</c>). Span-based so the per-request check allocates nothing.
/// </summary>
internal static class PublishFilter
{
    private static readonly string[] ExcludedDirectories = [.. PublishRules.ExcludedDirectoryNames];

    public static bool IsExcluded(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty || segment[0] == '.' || segment.EndsWith(".inprog", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var name in ExcludedDirectories)
        {
            if (segment.SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when any '/'-separated segment of <paramref name="relativePath"/> is excluded.</summary>
    public static bool IsExcludedPath(ReadOnlySpan<char> relativePath)
    {
        foreach (var range in relativePath.Split('/'))
        {
            var segment = relativePath[range];
            if (!segment.IsEmpty && IsExcluded(segment))
            {
                return true;
            }
        }

        return false;
    }
}
