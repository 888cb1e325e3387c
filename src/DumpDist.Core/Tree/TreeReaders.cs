namespace DumpDist.Core.Tree;

/// <summary>How a scan reads a run directory and a <c>latest/</c> directory: straight from disk, or through a cache.</summary>
/// <param name="ReadRun">Reads one run (wiki name, run directory).</param>
/// <param name="ReadLatest">Reads a <c>latest/</c> directory, adding dangling links to the problem list.</param>
public sealed record TreeReaders(Func<string, string, DumpRun> ReadRun, Func<string, List<TreeProblem>, IReadOnlyList<LatestEntry>> ReadLatest)
{
    /// <summary>Every read goes to disk.</summary>
    public static TreeReaders Direct { get; } = new(DumpTree.ReadRun, DumpTree.ReadLatest);
}
