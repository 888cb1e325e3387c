using System.Buffers;
using System.Security.Cryptography;
using DumpDist.Core.Hashing;
using DumpDist.Core.Tree;

namespace DumpDist.Sync.Verification;

/// <summary>
/// Streams a file once, feeding the published algorithm (sha1 or md5) and SHA-256 from the same
/// large buffer, so checking a dump also yields the web's integrity digest for free (and, when asked,
/// the torrent piece hashes).
/// </summary>
public static class FileHasher
{
    private const int BufferSize = 1 << 18;

    /// <summary>Hashes <paramref name="path"/>; <paramref name="onBytes"/> reports progress.</summary>
    public static Task<FileHashes> HashAsync(
        string path,
        ChecksumAlgorithm algorithm,
        Action<long>? onBytes,
        CancellationToken cancellationToken) => HashAsync(path, algorithm, onBytes, null, cancellationToken);

    /// <summary>Hashes <paramref name="path"/>, also feeding <paramref name="pieces"/> (torrent piece hashes) from the same read when given.</summary>
    public static Task<FileHashes> HashAsync(
        string path,
        ChecksumAlgorithm algorithm,
        Action<long>? onBytes,
        PieceHasher? pieces,
        CancellationToken cancellationToken)
    {
        using var primary = IncrementalHash.CreateHash(algorithm == ChecksumAlgorithm.Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            while (true)
            {
                // Synchronous: the caller runs one file per core, and the bytes come from the page cache.
                cancellationToken.ThrowIfCancellationRequested();
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, BufferSize), total);
                if (read == 0)
                {
                    break;
                }

                primary.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                pieces?.Append(buffer.AsSpan(0, read));
                total += read;
                onBytes?.Invoke(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var primaryHex = Convert.ToHexStringLower(primary.GetHashAndReset());
        var sha256Hex = Convert.ToHexStringLower(sha256.GetHashAndReset());
        return Task.FromResult(algorithm == ChecksumAlgorithm.Sha1
            ? new FileHashes(total, primaryHex, null, sha256Hex)
            : new FileHashes(total, null, primaryHex, sha256Hex));
    }
}
