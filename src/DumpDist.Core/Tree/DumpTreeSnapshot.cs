namespace DumpDist.Core.Tree;

/// <summary>What a scan of a tree found: wikis, other datasets, and every problem met on the way.</summary>
public sealed record DumpTreeSnapshot(string Root, IReadOnlyList<WikiDumps> Wikis, IReadOnlyList<OtherDataset> OtherDatasets, IReadOnlyList<TreeProblem> Problems)
{
    /// <summary>The wiki with the given name, if present.</summary>
    public WikiDumps? FindWiki(string name) => Wikis.FirstOrDefault(w => w.Name == name);
}
