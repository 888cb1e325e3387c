using System.Buffers;
using System.Security.Cryptography;
using DumpDist.Core.Hashing;
using DumpDist.Core.Tree;

namespace DumpDist.Sync.Verification;

/// <summary>
/// Streams a file once, feeding the published algorithm (sha1 or md5) and SHA-256 from the same
/// buffer, so checking a dump also yields the web's integrity digest for free. The two digests of
/// a chunk can run on two threads while the next chunk is read, so one big file (the usual dump:
/// one history file far bigger than the rest) keeps two cores busy rather than one. When asked, the
/// same read also yields the torrent piece hashes.
/// </summary>
public static class FileHasher
{
    // Half a core's L2: the chunk is still in cache when the second digest and the copy reach it.
    private const int ChunkSize = 1 << 19;

    /// <summary>
    /// Hashes <paramref name="path"/>; <paramref name="onBytes"/> reports progress.
    /// <paramref name="spareCore"/>, asked before each chunk, says whether a core is free for the
    /// second digest (null: always split); when every core already hashes a file of its own, the
    /// hand-off between threads would only cost (the chunk moves between caches).
    /// </summary>
    public static Task<FileHashes> HashAsync(
        string path,
        ChecksumAlgorithm algorithm,
        Action<long>? onBytes,
        CancellationToken cancellationToken,
        Func<bool>? spareCore = null) => HashAsync(path, algorithm, onBytes, null, cancellationToken, spareCore);

    /// <summary>Hashes <paramref name="path"/>, also feeding <paramref name="pieces"/> (torrent piece hashes) from the same read when given.</summary>
    public static Task<FileHashes> HashAsync(
        string path,
        ChecksumAlgorithm algorithm,
        Action<long>? onBytes,
        PieceHasher? pieces,
        CancellationToken cancellationToken,
        Func<bool>? spareCore = null)
    {
        using var primary = IncrementalHash.CreateHash(algorithm == ChecksumAlgorithm.Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(ChunkSize), ArrayPool<byte>.Shared.Rent(ChunkSize)];
        Task? second = null;
        long total = 0;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);

            // Synchronous reads: the caller runs files in parallel, and the bytes mostly come from the page cache.
            var current = 0;
            var read = RandomAccess.Read(handle, buffers[current].AsSpan(0, ChunkSize), 0);
            while (read > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = buffers[current];
                var length = read;

                // SHA-256 (the slower one) on another thread; this one does the other digest and
                // reads the next chunk. Wait runs it inline when no thread took it, so a busy pool
                // costs nothing but the hand-off.
                if (spareCore is null || spareCore())
                {
                    second = Task.Factory.StartNew(() => sha256.AppendData(chunk, 0, length), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
                }
                else
                {
                    sha256.AppendData(chunk, 0, length);
                }

                primary.AppendData(chunk, 0, length);
                pieces?.Append(chunk.AsSpan(0, length));
                total += length;
                current ^= 1;
                read = RandomAccess.Read(handle, buffers[current].AsSpan(0, ChunkSize), total);
                second?.Wait(CancellationToken.None);
                second = null;
                onBytes?.Invoke(length);
            }
        }
        finally
        {
            // A read that threw leaves the digest task using a buffer: it must end before the buffers go back.
            try
            {
                second?.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The failure already on its way out is the one to report.
            }

            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }

        var primaryHex = Convert.ToHexStringLower(primary.GetHashAndReset());
        var sha256Hex = Convert.ToHexStringLower(sha256.GetHashAndReset());
        return Task.FromResult(algorithm == ChecksumAlgorithm.Sha1
            ? new FileHashes(total, primaryHex, null, sha256Hex)
            : new FileHashes(total, null, primaryHex, sha256Hex));
    }
}
