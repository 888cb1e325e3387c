using DumpDist.Sync.State;
using DumpDist.Sync.Tests.Support;
using DumpDist.Sync.Verification;

namespace DumpDist.Sync.Tests.Verification;

public sealed class FileVerifierTests : IDisposable
{
    private readonly string _directory = TestSupport.TestPaths.NewTempDirectory("verify");

    [Fact]
    public async Task VerifyAsync_GoodTree_AllGoodSha256CachedSecondRunReadsNothing()
    {
        var tree = new TestTree(Path.Combine(_directory, "tree"));
        var files = tree.AddGoodRun("enwiki", "20261101", ("a.gz", 300_000), ("b.gz", 1_000));
        var cache = VerificationCache.Open(Path.Combine(_directory, "state"));
        var verifier = new FileVerifier(cache, TimeProvider.System);

        var first = await verifier.VerifyAsync(VerificationPlanner.ForTree(tree.Root), null, CancellationToken.None);
        var second = await verifier.VerifyAsync(VerificationPlanner.ForTree(tree.Root), null, CancellationToken.None);

        Assert.True(first.Succeeded);
        Assert.Equal(2, first.Good);
        Assert.Equal(301_000, first.BytesRead);
        Assert.Equal(2, second.Good);
        Assert.Equal(2, second.CacheHits);
        Assert.Equal(0, second.BytesRead);
        var info = new FileInfo(Path.Combine(tree.Root, files[0]));
        Assert.True(cache.TryGetSha256(info.FullName, info.Length, VerificationCache.MtimeNanoseconds(info), out var sha256));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(info.FullName))), sha256);
        Assert.False(cache.TryGetSha256(info.FullName, info.Length + 1, VerificationCache.MtimeNanoseconds(info), out _));
    }

    [Fact]
    public async Task VerifyAsync_CorruptTruncatedMissingAndMd5Only_EachReported()
    {
        var tree = new TestTree(Path.Combine(_directory, "tree"));
        var files = tree.AddGoodRun("enwiki", "20261101", ("corrupt.gz", 5_000), ("short.gz", 5_000), ("gone.gz", 100), ("fine.gz", 100));
        var corrupt = Path.Combine(tree.Root, files[0]);
        var bytes = File.ReadAllBytes(corrupt);
        bytes[10] ^= 1;
        File.WriteAllBytes(corrupt, bytes);
        File.WriteAllBytes(Path.Combine(tree.Root, files[1]), new byte[4_000]);
        File.Delete(Path.Combine(tree.Root, files[2]));
        var md5Only = tree.AddGoodRun("dewiki", "20261101", ("x.gz", 700));
        File.Delete(Path.Combine(tree.RunDirectory("dewiki", "20261101"), "dewiki-20261101-sha1sums.txt"));
        var dumpstatus = Path.Combine(tree.RunDirectory("dewiki", "20261101"), "dumpstatus.json");
        File.WriteAllText(dumpstatus, "{\"jobs\": {\"x\": {\"status\": \"done\"}}, \"version\": \"0.8\"}");
        var cache = VerificationCache.Open(Path.Combine(_directory, "state"));

        var report = await new FileVerifier(cache, TimeProvider.System).VerifyAsync(VerificationPlanner.ForTree(tree.Root), null, CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Equal(2, report.Good);
        Assert.Contains(report.Problems, p => p.Path == files[0] && p.Kind == VerifyProblemKind.ChecksumMismatch);
        Assert.Contains(report.Problems, p => p.Path == files[1] && p.Kind == VerifyProblemKind.SizeMismatch);
        Assert.Contains(report.Problems, p => p.Path == files[2] && p.Kind == VerifyProblemKind.Missing);
        Assert.Equal(3, report.Problems.Count);
        var info = new FileInfo(Path.Combine(tree.Root, md5Only[0]));
        Assert.True(cache.TryGetSha256(info.FullName, info.Length, VerificationCache.MtimeNanoseconds(info), out _));
        info = new FileInfo(corrupt);
        Assert.False(cache.TryGetSha256(info.FullName, info.Length, VerificationCache.MtimeNanoseconds(info), out _));
    }

    [Fact]
    public async Task VerifyAsync_MalformedSumsFile_ReportedWithLine()
    {
        var tree = new TestTree(Path.Combine(_directory, "tree"));
        tree.AddGoodRun("enwiki", "20261101", ("a.gz", 100));
        File.AppendAllText(Path.Combine(tree.RunDirectory("enwiki", "20261101"), "enwiki-20261101-sha1sums.txt"), "not a sum line\n");
        var cache = VerificationCache.Open(Path.Combine(_directory, "state"));

        var report = await new FileVerifier(cache, TimeProvider.System).VerifyAsync(VerificationPlanner.ForTree(tree.Root), null, CancellationToken.None);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(VerifyProblemKind.UnreadableExpectations, problem.Kind);
        Assert.Contains("line 2", problem.Message);
        Assert.EndsWith("enwiki-20261101-sha1sums.txt", problem.Path);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
