using DumpDist.Core.Tree;

namespace DumpDist.Retention.Planning;

/// <summary>
/// The shape of a tree from directory listings alone, before any status is read: the wikis (with
/// their run directory names) and the other datasets. A wiki is what the tree model calls one: a
/// directory under <c>public/</c> holding a run directory or <c>latest/</c>. Never-published, dot-named
/// and symlinked directories are left out.
/// </summary>
internal sealed record TreeLayout(IReadOnlyList<TreeLayout.Wiki> Wikis, IReadOnlyList<OtherDataset> OtherDatasets)
{
    public static TreeLayout Read(string root)
    {
        var wikis = new List<Wiki>();
        var datasets = new List<OtherDataset>();
        foreach (var directory in Subdirectories(Path.Combine(root, DumpTree.PublicDirectoryName)))
        {
            var name = Path.GetFileName(directory);
            if (name == DumpTree.OtherDirectoryName)
            {
                datasets.AddRange(Subdirectories(directory).Select(d => new OtherDataset(Path.GetFileName(d), d, [])));
                continue;
            }

            var children = Subdirectories(directory).Select(Path.GetFileName).OfType<string>().ToList();
            var runs = children.Where(RunDate.IsRunDirectoryName).ToList();
            if (runs.Count > 0 || children.Contains(DumpTree.LatestDirectoryName))
            {
                wikis.Add(new Wiki(name, directory, runs));
            }
        }

        return new TreeLayout(wikis, datasets);
    }

    /// <summary>Subdirectories in name order, without the never-published ones, dot names and symlinks.</summary>
    private static IEnumerable<string> Subdirectories(string path) =>
        Directory.Exists(path)
            ? new DirectoryInfo(path).EnumerateDirectories()
                .Where(d => d.LinkTarget is null && !d.Name.StartsWith('.') && !PublishRules.IsExcludedDirectoryName(d.Name))
                .Select(d => d.FullName)
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>A wiki's directory and the names of its run directories, oldest first.</summary>
    internal sealed record Wiki(string Name, string DirectoryPath, IReadOnlyList<string> RunDates);
}
