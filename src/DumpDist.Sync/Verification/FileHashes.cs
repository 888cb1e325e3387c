namespace DumpDist.Sync.Verification;

/// <summary>The hashes computed in one read of a file (lowercase hex); Sha1 or Md5 may be null.</summary>
public sealed record FileHashes(long Size, string? Sha1, string? Md5, string Sha256);
