using System.Security.Cryptography;

namespace DumpDist.Mirrors.Downloads;

/// <summary>
/// The SHA-1 of each piece of a file (BEP 3), computed once per file version and cached under
/// <c>&lt;state_dir&gt;/mirrors/pieces/</c> keyed by path, size, mtime and piece length.
/// </summary>
internal sealed class PieceHashes(string cacheDirectory)
{
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

    /// <summary>The concatenated piece hashes of <paramref name="path"/>, from the cache when the file has not changed.</summary>
    public async Task<byte[]> GetAsync(string path, int pieceLength, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        var key = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Path.GetFullPath(path)}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}\n{pieceLength}")));
        var cached = Path.Combine(cacheDirectory, key);
        if (File.Exists(cached))
        {
            return await File.ReadAllBytesAsync(cached, cancellationToken);
        }

        var hashes = await ComputeAsync(path, pieceLength, cancellationToken);
        await Core.IO.AtomicFile.WriteAsync(cached, hashes, cancellationToken);
        return hashes;
    }

    /// <summary>Reads the file once, hashing each piece.</summary>
    public static async Task<byte[]> ComputeAsync(string path, int pieceLength, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var pieces = new MemoryStream();
        var buffer = new byte[pieceLength];
        while (true)
        {
            var filled = 0;
            while (filled < pieceLength)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            if (filled == 0)
            {
                break;
            }

            pieces.Write(SHA1.HashData(buffer.AsSpan(0, filled)));
            if (filled < pieceLength)
            {
                break;
            }
        }

        return pieces.ToArray();
    }
}
