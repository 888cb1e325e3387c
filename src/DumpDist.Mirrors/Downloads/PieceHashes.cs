using System.Security.Cryptography;
using DumpDist.Core.Hashing;

namespace DumpDist.Mirrors.Downloads;

/// <summary>
/// The SHA-1 of each piece of a file (BEP 3), cached under <c>&lt;state_dir&gt;/mirrors/pieces/</c> keyed by
/// path, size, mtime and piece length. Filled by sync's verification read (<see cref="IPieceHashStore"/>)
/// for files of at least <paramref name="minimumSize"/> (asked on every use, so a reloaded cluster file's
/// <c>torrent_min_size</c> applies to the next verification and the next request), so a verified file's
/// torrent costs no read; a file verified before (or by another tool) is read once on its first torrent request.
/// </summary>
internal sealed class PieceHashes(string cacheDirectory, Func<long> minimumSize) : IPieceHashStore
{
    private long _ownReads;

    /// <summary>A cache with a fixed minimum size.</summary>
    public PieceHashes(string cacheDirectory, long minimumSize)
        : this(cacheDirectory, () => minimumSize)
    {
    }

    /// <summary>Files whose pieces had to be computed by a read of their own (not by verification).</summary>
    public long OwnReads => Interlocked.Read(ref _ownReads);

    /// <summary>Data files at least this large get a torrent.</summary>
    public long MinimumSize => minimumSize();

    /// <summary>A piece length that keeps a torrent near 2,000 pieces: a power of two from 256 KiB to 16 MiB.</summary>
    public static int PieceLengthFor(long size)
    {
        var length = 256 * 1024;
        while (length < 16 * 1024 * 1024 && size / length > 2000)
        {
            length *= 2;
        }

        return length;
    }

    /// <inheritdoc />
    int? IPieceHashStore.PieceLengthFor(long length) => length >= minimumSize() ? PieceLengthFor(length) : null;

    /// <inheritdoc />
    public Task PutAsync(string fullPath, long length, DateTime lastWriteUtc, int pieceLength, byte[] pieces, CancellationToken cancellationToken) =>
        Core.IO.AtomicFile.WriteAsync(CachePath(fullPath, length, lastWriteUtc, pieceLength), pieces, cancellationToken);

    /// <summary>The cached hashes of the file's current version, or null when none are cached.</summary>
    public async Task<byte[]?> TryGetCachedAsync(string path, int pieceLength, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        var cached = CachePath(path, info.Length, info.LastWriteTimeUtc, pieceLength);
        return File.Exists(cached) ? await File.ReadAllBytesAsync(cached, cancellationToken) : null;
    }

    /// <summary>The concatenated piece hashes of <paramref name="path"/>, from the cache when the file has not changed.</summary>
    public async Task<byte[]> GetAsync(string path, int pieceLength, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        var cached = CachePath(path, info.Length, info.LastWriteTimeUtc, pieceLength);
        if (File.Exists(cached))
        {
            return await File.ReadAllBytesAsync(cached, cancellationToken);
        }

        Interlocked.Increment(ref _ownReads);
        var hashes = await ComputeAsync(path, pieceLength, cancellationToken);
        await Core.IO.AtomicFile.WriteAsync(cached, hashes, cancellationToken);
        return hashes;
    }

    /// <summary>Reads the file once, hashing each piece.</summary>
    public static async Task<byte[]> ComputeAsync(string path, int pieceLength, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var pieces = new PieceHasher(pieceLength);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            pieces.Append(buffer.AsSpan(0, read));
        }

        return pieces.Complete();
    }

    private string CachePath(string path, long length, DateTime lastWriteUtc, int pieceLength) =>
        Path.Combine(cacheDirectory, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Path.GetFullPath(path)}\n{length}\n{lastWriteUtc.Ticks}\n{pieceLength}"))));
}
