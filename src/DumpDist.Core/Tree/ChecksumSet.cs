namespace DumpDist.Core.Tree;

/// <summary>The sums of one checksum file: file name to lower-case hex digest.</summary>
public sealed record ChecksumSet(ChecksumAlgorithm Algorithm, IReadOnlyDictionary<string, string> Sums)
{
    /// <summary>Entries left out because their name is not a plain file name (<see cref="PlainFileName"/>), each naming its line or key.</summary>
    public IReadOnlyList<TreeProblem> Refused { get; init; } = [];
}
