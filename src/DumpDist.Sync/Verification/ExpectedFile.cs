using DumpDist.Core.Tree;

namespace DumpDist.Sync.Verification;

/// <summary>What a run publishes about one of its files: a digest (sha1 preferred, else md5) and a size.</summary>
public sealed record ExpectedFile(string Name, ChecksumAlgorithm? Algorithm, string? Digest, long? Size);
