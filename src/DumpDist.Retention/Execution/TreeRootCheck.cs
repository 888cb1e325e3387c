using DumpDist.Core.Tree;

namespace DumpDist.Retention.Execution;

/// <summary>Refuses a directory that is not a dump tree before anything reads or removes in it.</summary>
internal static class TreeRootCheck
{
    /// <summary>Null when <paramref name="root"/> holds <c>public/</c>; otherwise what is wrong, naming the directory.</summary>
    public static string? Problem(string root)
    {
        if (!Directory.Exists(root))
        {
            return $"{root}: no such directory";
        }

        if (Directory.Exists(Path.Combine(root, DumpTree.PublicDirectoryName)))
        {
            return null;
        }

        var hint = Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) == DumpTree.PublicDirectoryName
            ? $"; give the directory holding public/ ({Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root))})"
            : string.Empty;
        return $"{root}: not a dump tree (no public/ directory){hint}";
    }
}
