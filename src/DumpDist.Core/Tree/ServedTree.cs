namespace DumpDist.Core.Tree;

/// <summary>
/// Where the served tree starts, the one rule for web, NFS and the digest lookup: URL "/" and the
/// NFS export are <c>&lt;root&gt;/public/</c>, as dumps.wikimedia.org/enwiki/ is public/enwiki/.
/// A directory without public/ (the one-off <c>dumpdist web --root DIR</c> over a plain
/// directory) is served as it is.
/// </summary>
public static class ServedTree
{
    /// <summary>The served directory of tree root <paramref name="root"/>.</summary>
    public static string PathOf(string root)
    {
        var full = Path.GetFullPath(root);
        var published = Path.Combine(full, DumpTree.PublicDirectoryName);
        return Directory.Exists(published) ? published : full;
    }

    /// <summary>The served directory of a serving host's root: always <c>&lt;root&gt;/public</c>, created if missing (before the first sync).</summary>
    public static string EnsureForHost(string root)
    {
        var published = Path.Combine(Path.GetFullPath(root), DumpTree.PublicDirectoryName);
        Directory.CreateDirectory(published);
        return published;
    }
}
