namespace DumpDist.Web.Serving;

/// <summary>
/// Verification results for served files: the SHA-256 the verify step computed, and whether the
/// file failed verification. The sync side's SQLite cache implements it; the default knows nothing.
/// </summary>
internal interface IDigestLookup
{
    /// <summary>Looks up a file by its path relative to the root, size and mtime (a stale entry must not match).</summary>
    DigestInfo? Find(string relativePath, long length, DateTimeOffset lastModified);
}
