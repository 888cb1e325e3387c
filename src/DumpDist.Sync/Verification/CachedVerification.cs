namespace DumpDist.Sync.Verification;

/// <summary>A cached verification: the hashes read and whether they matched the published sum.</summary>
public sealed record CachedVerification(FileHashes Hashes, bool Good);
