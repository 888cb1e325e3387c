namespace DumpDist.Sync.Verification;

/// <summary>One verification outcome to store in the cache.</summary>
public sealed record CacheEntry(string FullPath, long MtimeNanoseconds, FileHashes Hashes, bool Good);
