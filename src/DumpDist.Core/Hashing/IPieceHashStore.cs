namespace DumpDist.Core.Hashing;

/// <summary>
/// Where torrent piece hashes go when a verification read computes them (the mirrors' piece cache):
/// the verifier asks which piece length a file wants, feeds a <see cref="PieceHasher"/> from its own
/// read, and hands the hashes over once the file proved good.
/// </summary>
public interface IPieceHashStore
{
    /// <summary>The piece length to compute for a file of <paramref name="length"/> bytes, or null when it gets no torrent.</summary>
    int? PieceLengthFor(long length);

    /// <summary>Keeps <paramref name="pieces"/> for the file version (path, length, mtime) that was read.</summary>
    Task PutAsync(string fullPath, long length, DateTime lastWriteUtc, int pieceLength, byte[] pieces, CancellationToken cancellationToken);
}
