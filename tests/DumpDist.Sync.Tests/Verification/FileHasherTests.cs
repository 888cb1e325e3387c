using System.Security.Cryptography;
using DumpDist.Core.Tree;
using DumpDist.Sync.Verification;
using DumpDist.TestSupport;

namespace DumpDist.Sync.Tests.Verification;

/// <summary>The two digests computed on two threads over double-buffered reads equal the one-shot digests, at every chunk boundary.</summary>
public sealed class FileHasherTests : IDisposable
{
    private const int Chunk = 1 << 19;
    private readonly string _dir = TestPaths.NewTempDirectory("file-hasher");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0, ChecksumAlgorithm.Sha1)]
    [InlineData(1, ChecksumAlgorithm.Sha1)]
    [InlineData(Chunk - 1, ChecksumAlgorithm.Sha1)]
    [InlineData(Chunk, ChecksumAlgorithm.Sha1)]
    [InlineData(Chunk + 1, ChecksumAlgorithm.Md5)]
    [InlineData((5 * Chunk) + 12345, ChecksumAlgorithm.Sha1)]
    [InlineData((3 * Chunk) + 7, ChecksumAlgorithm.Md5)]
    public async Task HashAsync_AnySize_SameDigestsAsOneShot(int size, ChecksumAlgorithm algorithm)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        var path = Path.Combine(_dir, "file.bin");
        await File.WriteAllBytesAsync(path, content);
        long reported = 0;

        var hashes = await FileHasher.HashAsync(path, algorithm, n => reported += n, CancellationToken.None);

        Assert.Equal(size, hashes.Size);
        Assert.Equal(size, reported);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), hashes.Sha256);
        if (algorithm == ChecksumAlgorithm.Sha1)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(content)), hashes.Sha1);
            Assert.Null(hashes.Md5);
        }
        else
        {
            Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), hashes.Md5);
            Assert.Null(hashes.Sha1);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HashAsync_SplitOnSomeChunksOnly_SameDigests(bool startSplit)
    {
        var content = RandomNumberGenerator.GetBytes((7 * Chunk) + 99);
        var path = Path.Combine(_dir, "file.bin");
        await File.WriteAllBytesAsync(path, content);
        var split = !startSplit;
        var asked = 0;

        var hashes = await FileHasher.HashAsync(path, ChecksumAlgorithm.Sha1, null, CancellationToken.None, () =>
        {
            asked++;
            return split = !split;
        });

        Assert.Equal(8, asked);
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(content)), hashes.Sha1);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), hashes.Sha256);
    }

    [Fact]
    public async Task HashAsync_Cancelled_Throws()
    {
        var path = Path.Combine(_dir, "file.bin");
        await File.WriteAllBytesAsync(path, new byte[4 * Chunk]);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FileHasher.HashAsync(path, ChecksumAlgorithm.Sha1, _ => cancel.Cancel(), cancel.Token));
    }

    [Fact]
    public async Task HashAsync_MissingFile_IOException()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => FileHasher.HashAsync(Path.Combine(_dir, "absent"), ChecksumAlgorithm.Sha1, null, CancellationToken.None));
    }
}
