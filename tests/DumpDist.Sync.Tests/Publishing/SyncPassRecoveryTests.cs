using DumpDist.Sync.Publishing;
using DumpDist.Sync.State;
using DumpDist.Sync.Tests.Support;
using DumpDist.Sync.Verification;

namespace DumpDist.Sync.Tests.Publishing;

/// <summary>Interrupted passes and bad source files: the tree stays consistent and the next pass repairs it.</summary>
public sealed class SyncPassRecoveryTests
{
    [Fact]
    public async Task RunAsync_StagingLeftByACrashedPass_ClearedNotPublished()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 2_000));
        Assert.True((await harness.PassAsync()).Succeeded);

        // A pass killed between staging and publishing left a status file for a run that has no data here.
        var stale = harness.Dest(Path.Combine(StageArguments.StagingDirectory, "public/enwiki/20261120/dumpstatus.json"));
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        await File.WriteAllTextAsync(stale, "{\"jobs\": {}}");

        var result = await harness.PassAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.False(File.Exists(harness.Dest("public/enwiki/20261120/dumpstatus.json")));
        Assert.False(Directory.Exists(harness.Dest(StageArguments.StagingDirectory)));
    }

    [Fact]
    public async Task RunAsync_RsyncKilledMidPass_TreeStaysConsistentAndNextPassCompletes()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 2_000));
        Assert.True((await harness.PassAsync()).Succeeded);
        var oldStatus = File.ReadAllText(harness.Dest("public/enwiki/20261101/dumpstatus.json"));

        // Transferred in name order: the small file completes, the big one is cut while rsync writes its dot temp file.
        var newRun = harness.Source.AddGoodRun("enwiki", "20261120", ("a-small.gz", 1_000), ("z-big.xml.bz2", 1_500_000));
        harness.Source.WriteStatus("enwiki", "20261101", ("enwiki-20261101-pages.xml.bz2", "done"));
        using var cancel = new CancellationTokenSource();
        var slow = harness.Options() with { Transfer = harness.Options().Transfer with { BandwidthLimit = "1000" } };
        var pass = harness.PassAsync(slow, cancellationToken: cancel.Token);
        var runDirectory = harness.Dest("public/enwiki/20261120");
        await WaitUntilAsync(() => Directory.Exists(runDirectory) && Directory.GetFiles(runDirectory, ".*z-big*").Length > 0, TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        await cancel.CancelAsync();
        var killed = await pass;

        Assert.Equal(SyncPassOutcome.Cancelled, killed.Outcome);
        // Nothing visible half-written: a data file that is there is whole, the cut one is not there under its name.
        Assert.All(newRun.Where(f => File.Exists(harness.Dest(f))), f => Assert.Equal(File.ReadAllBytes(harness.Src(f)), File.ReadAllBytes(harness.Dest(f))));
        Assert.False(File.Exists(harness.Dest(newRun.Single(f => f.EndsWith("z-big.xml.bz2", StringComparison.Ordinal)))));
        Assert.False(File.Exists(harness.Dest("public/enwiki/20261120/dumpstatus.json")));
        Assert.Equal(oldStatus, File.ReadAllText(harness.Dest("public/enwiki/20261101/dumpstatus.json")));
        Assert.Empty(Directory.GetFiles(harness.Dest("public/enwiki/20261120"), ".*"));
        Assert.False(Directory.Exists(harness.Dest(StageArguments.StagingDirectory)));

        var next = await harness.PassAsync();

        Assert.True(next.Succeeded, next.Message);
        Assert.All(newRun, f => Assert.Equal(File.ReadAllBytes(harness.Src(f)), File.ReadAllBytes(harness.Dest(f))));
        Assert.True(File.Exists(harness.Dest("public/enwiki/20261120/dumpstatus.json")));
        Assert.DoesNotContain(harness.DestinationFiles(), f => f.Contains(".~tmp~", StringComparison.Ordinal));

        // The new run's two files were read and matched (the old run may be re-checked from the cache).
        Assert.True(next.Verification.Good - next.Verification.CacheHits >= 2);
        Assert.True(next.Verification.BytesRead >= 1_501_000);
    }

    [Fact]
    public async Task RunAsync_SourceFileCorruptedAfterSums_DetectedNotMarkedGoodAndRepairedWhenSourceFixed()
    {
        await using var harness = await SyncHarness.StartAsync();
        var files = harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 50_000), ("stub.xml.gz", 3_000));
        var victim = files[0];
        var good = File.ReadAllBytes(harness.Src(victim));
        var mtime = File.GetLastWriteTimeUtc(harness.Src(victim));
        var corrupt = (byte[])good.Clone();
        corrupt[12_345] ^= 0xFF;
        await File.WriteAllBytesAsync(harness.Src(victim), corrupt);
        File.SetLastWriteTimeUtc(harness.Src(victim), mtime);

        var first = await harness.PassAsync();

        Assert.Equal(SyncPassOutcome.VerifyFailed, first.Outcome);
        var problem = Assert.Single(first.Verification.Problems);
        Assert.Equal(victim, problem.Path);
        Assert.Equal(VerifyProblemKind.ChecksumMismatch, problem.Kind);
        Assert.False(File.Exists(harness.Dest("trace/host-a.json")));
        var cache = VerificationCache.Open(harness.StateDirectory);
        var info = new FileInfo(harness.Dest(victim));
        Assert.False(cache.TryGetSha256(info.FullName, info.Length, VerificationCache.MtimeNanoseconds(info), out _));
        Assert.Equal([victim], new RefetchQueue(SyncStateDatabase.Open(harness.StateDirectory)).List("dumps"));

        // Still broken on the source: still reported, still not good.
        Assert.Equal(SyncPassOutcome.VerifyFailed, (await harness.PassAsync()).Outcome);

        // The source is fixed with the same size and mtime: only a checksum comparison can see it.
        await File.WriteAllBytesAsync(harness.Src(victim), good);
        File.SetLastWriteTimeUtc(harness.Src(victim), mtime);
        var repaired = await harness.PassAsync();

        Assert.True(repaired.Succeeded, repaired.Message);
        Assert.Equal(good, File.ReadAllBytes(harness.Dest(victim)));
        info = new FileInfo(harness.Dest(victim));
        Assert.True(cache.TryGetSha256(info.FullName, info.Length, VerificationCache.MtimeNanoseconds(info), out var sha256));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(good)), sha256);
        Assert.Empty(new RefetchQueue(SyncStateDatabase.Open(harness.StateDirectory)).List("dumps"));
        Assert.True(File.Exists(harness.Dest("trace/host-a.json")));
    }

    [Fact]
    public async Task RunAsync_DataFileReplacedOnSourceSameSize_FetchedAgainAndReverified()
    {
        await using var harness = await SyncHarness.StartAsync();
        var files = harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 10_000), ("stub.xml.gz", 10_000));
        Assert.True((await harness.PassAsync()).Succeeded);

        // A rerun of the job rewrites the file (same size, new content and mtime) and its sums.
        await File.WriteAllBytesAsync(harness.Src(files[0]), TestTree.Content("rerun", 10_000));
        File.SetLastWriteTimeUtc(harness.Src(files[0]), DateTime.UtcNow.AddMinutes(5));
        harness.Source.WriteStatus("enwiki", "20261101", (Path.GetFileName(files[0]), "done"), (Path.GetFileName(files[1]), "done"));
        File.SetLastWriteTimeUtc(harness.Src("public/enwiki/20261101/enwiki-20261101-sha1sums.txt"), DateTime.UtcNow.AddMinutes(5));
        var result = await harness.PassAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(File.ReadAllBytes(harness.Src(files[0])), File.ReadAllBytes(harness.Dest(files[0])));
        Assert.Equal([files[0]], result.Stages.Single(s => s.Stage == "data").Changes.Where(c => c.IsFileTransfer).Select(c => c.Path));
        Assert.Equal(2, result.Verification.Good);
        Assert.Equal(1, result.Verification.CacheHits);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
