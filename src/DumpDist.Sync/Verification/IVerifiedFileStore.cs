namespace DumpDist.Sync.Verification;

/// <summary>
/// Read side of the verified-file cache, for the web's integrity headers: a file's SHA-256 is
/// known only when the file was verified good at exactly this size and modification time.
/// </summary>
public interface IVerifiedFileStore
{
    /// <summary>
    /// The lowercase hex SHA-256 of the file at <paramref name="fullPath"/> if it was verified
    /// good with this <paramref name="size"/> and <paramref name="mtimeNanoseconds"/> (Unix epoch).
    /// </summary>
    bool TryGetSha256(string fullPath, long size, long mtimeNanoseconds, out string sha256);
}
