namespace DumpDist.Core.Tree;

/// <summary>The sums of one checksum file: file name to lower-case hex digest.</summary>
public sealed record ChecksumSet(ChecksumAlgorithm Algorithm, IReadOnlyDictionary<string, string> Sums);
