using System.Security.Cryptography;

namespace DumpDist.Core.Hashing;

/// <summary>
/// The SHA-1 of each fixed-length piece of a stream (BEP 3), fed by whoever reads the file, so a
/// read that is already happening (verification) yields the torrent's piece hashes with no read of its own.
/// </summary>
public sealed class PieceHasher : IDisposable
{
    private readonly IncrementalHash _piece = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly MemoryStream _hashes = new();
    private int _filled;

    /// <summary>A hasher for pieces of <paramref name="pieceLength"/> bytes.</summary>
    public PieceHasher(int pieceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pieceLength, 1);
        PieceLength = pieceLength;
    }

    /// <summary>Bytes per piece (the last may be shorter).</summary>
    public int PieceLength { get; }

    /// <summary>Adds the next bytes of the stream.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var take = Math.Min(PieceLength - _filled, data.Length);
            _piece.AppendData(data[..take]);
            _filled += take;
            data = data[take..];
            if (_filled == PieceLength)
            {
                _hashes.Write(_piece.GetHashAndReset());
                _filled = 0;
            }
        }
    }

    /// <summary>The concatenated 20-byte piece hashes, closing the last short piece.</summary>
    public byte[] Complete()
    {
        if (_filled > 0)
        {
            _hashes.Write(_piece.GetHashAndReset());
            _filled = 0;
        }

        return _hashes.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _piece.Dispose();
        _hashes.Dispose();
    }
}
