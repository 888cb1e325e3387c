using System.Security.Cryptography;
using DumpDist.Core.Hashing;

namespace DumpDist.Core.Tests.Hashing;

public sealed class PieceHasherTests
{
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 1000)]
    [InlineData(1000, 1000)]
    [InlineData(1001, 1000)]
    [InlineData(5_500, 1024)]
    public void Complete_AnySplitOfTheStream_EachPieceIsTheSha1OfItsSlice(int length, int pieceLength)
    {
        var data = RandomNumberGenerator.GetBytes(length);
        var expected = data.Chunk(pieceLength).SelectMany(SHA1.HashData).ToArray();
        using var whole = new PieceHasher(pieceLength);
        using var ragged = new PieceHasher(pieceLength);

        whole.Append(data);
        for (var offset = 0; offset < length; offset += 333)
        {
            ragged.Append(data.AsSpan(offset, Math.Min(333, length - offset)));
        }

        Assert.Equal(expected, whole.Complete());
        Assert.Equal(expected, ragged.Complete());
    }
}
