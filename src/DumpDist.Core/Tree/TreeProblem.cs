namespace DumpDist.Core.Tree;

/// <summary>Something wrong found while reading the tree: which file, and what.</summary>
public sealed record TreeProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
