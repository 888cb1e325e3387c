namespace DumpDist.Core.Tree;

/// <summary>A dataset under <c>public/other/</c>: dated directories (<c>YYYYMMDD</c>) or flat files.</summary>
public sealed record OtherDataset(string Name, string DirectoryPath, IReadOnlyList<string> DatedDirectories)
{
    /// <summary>True when the dataset has no dated directories directly under it.</summary>
    public bool IsFlat => DatedDirectories.Count == 0;
}
