using DumpDist.Sync.Publishing;
using DumpDist.Sync.State;
using DumpDist.Sync.Tests.Support;
using DumpDist.Sync.Trace;

namespace DumpDist.Sync.Tests.Publishing;

/// <summary>What a pass publishes, and in which order, against a real rsync daemon.</summary>
public sealed class SyncPassTests
{
    [Fact]
    public async Task RunAsync_FirstPass_CopiesEverythingPublishableAndNothingExcludedOrInProgress()
    {
        await using var harness = await SyncHarness.StartAsync();
        var tree = harness.Source;
        tree.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 40_000), ("stub.xml.gz", 5_000));
        tree.AddLatest("enwiki", "20261101", "pages.xml.bz2");
        tree.Write("public/enwiki/20261101/enwiki-20261101-history.xml.bz2.inprog", 3_000);
        tree.Write("public/enwiki/20261101/tmp/scratch.txt", 10);
        tree.Write("public/bad/broken.gz", 10);
        tree.Write("public/enwiki/save/old.gz", 10);
        tree.Write("public/other/pageviews/2026/pageviews-20261101-000000.gz", 2_000);

        var result = await harness.PassAsync();

        Assert.True(result.Succeeded, result.Message);
        var expected = new[]
        {
            "public/enwiki/20261101/dumpruninfo.txt",
            "public/enwiki/20261101/dumpstatus.json",
            "public/enwiki/20261101/enwiki-20261101-md5sums.txt",
            "public/enwiki/20261101/enwiki-20261101-pages.xml.bz2",
            "public/enwiki/20261101/enwiki-20261101-sha1sums.txt",
            "public/enwiki/20261101/enwiki-20261101-stub.xml.gz",
            "public/enwiki/20261101/index.html",
            "public/enwiki/20261101/status.html",
            "public/enwiki/latest/enwiki-latest-pages.xml.bz2",
            "public/enwiki/latest/enwiki-latest-pages.xml.bz2-rss.xml",
            "public/other/pageviews/2026/pageviews-20261101-000000.gz",
            "trace/host-a.json",
        };
        Assert.Equal(expected, harness.DestinationFiles());
        Assert.Equal(File.ReadAllBytes(harness.Src(expected[3])), File.ReadAllBytes(harness.Dest(expected[3])));
        Assert.Equal("../20261101/enwiki-20261101-pages.xml.bz2", new FileInfo(harness.Dest(expected[8])).LinkTarget);
        Assert.Equal(2, result.Verification.Good);
        Assert.Equal(1, result.Verification.NoChecksum);
        Assert.Equal(11, result.SourceFiles);
    }

    [Fact]
    public async Task RunAsync_RunCompletesBetweenPasses_AppearsNextPassWithStatusAfterData()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 20_000));
        Assert.True((await harness.PassAsync()).Succeeded);

        var newRun = harness.Source.AddGoodRun("enwiki", "20261120", ("pages.xml.bz2", 30_000), ("stub.xml.gz", 4_000));
        harness.Source.AddLatest("enwiki", "20261120", "pages.xml.bz2");
        var seenBetweenStages = new List<string>();
        var options = harness.Options() with
        {
            BetweenStages = _ =>
            {
                seenBetweenStages.AddRange(harness.DestinationFiles());
                return Task.CompletedTask;
            },
        };

        var result = await harness.PassAsync(options);

        Assert.True(result.Succeeded, result.Message);

        // Paused between the stages: the new run's data is complete, none of its status/index files exist yet.
        Assert.All(newRun, f => Assert.Contains(f, seenBetweenStages));
        Assert.DoesNotContain(seenBetweenStages, f => f.StartsWith("public/enwiki/20261120/", StringComparison.Ordinal) && !newRun.Contains(f));
        Assert.Contains("public/enwiki/latest/enwiki-latest-pages.xml.bz2", harness.DestinationFiles().Except(seenBetweenStages));
        Assert.True(File.Exists(harness.Dest("public/enwiki/20261120/dumpstatus.json")));
        Assert.Equal(File.ReadAllText(harness.Src("public/enwiki/20261120/enwiki-20261120-sha1sums.txt")), File.ReadAllText(harness.Dest("public/enwiki/20261120/enwiki-20261120-sha1sums.txt")));
        Assert.Equal(2, result.Verification.Good);
    }

    [Fact]
    public async Task RunAsync_JobFinishesWhileStagesRun_ItsDataArrivesBeforeTheSumsThatNameIt()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 2_000));
        Assert.True((await harness.PassAsync()).Succeeded);

        // The plan sees a run with one job done; right after it, the second job finishes on the
        // source (its file and the rewritten sums and status appear) while the stages run.
        harness.Source.AddGoodRun("enwiki", "20261120", ("pages.xml.bz2", 3_000));
        var finished = new TestTree(Path.Combine(harness.Source.Root, "..", "finished"));
        var files = finished.AddGoodRun("enwiki", "20261120", ("pages.xml.bz2", 3_000), ("stub.xml.gz", 1_500));
        var stub = files.Single(f => f.EndsWith("stub.xml.gz", StringComparison.Ordinal));
        var rsync = harness.RsyncWithHookAfterDryRun($"cp -p '{finished.RunDirectory("enwiki", "20261120")}'/* '{harness.Source.RunDirectory("enwiki", "20261120")}'/");
        var atPublish = new List<string>();
        var options = harness.Options() with
        {
            BetweenStages = _ =>
            {
                atPublish.AddRange(harness.DestinationFiles());
                return Task.CompletedTask;
            },
        };

        var result = await harness.PassAsync(options, rsyncPath: rsync);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("catch-up", result.StageSeconds.Keys);
        Assert.Contains(stub, atPublish);
        Assert.DoesNotContain("public/enwiki/20261120/enwiki-20261120-sha1sums.txt", atPublish);
        Assert.Equal(File.ReadAllBytes(harness.Src(stub)), File.ReadAllBytes(harness.Dest(stub)));
        Assert.Equal(File.ReadAllText(harness.Src("public/enwiki/20261120/enwiki-20261120-sha1sums.txt")), File.ReadAllText(harness.Dest("public/enwiki/20261120/enwiki-20261120-sha1sums.txt")));
        Assert.Contains(harness.Logger.Entries, e => e.Message.Contains("not fetched by stage 1 (first: " + stub + ")", StringComparison.Ordinal));
        Assert.Equal(2, result.Verification.Good - result.Verification.CacheHits);
    }

    [Fact]
    public async Task RunAsync_FirstPassWithoutVerification_CountsWhatRsyncTransferred()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 40_000), ("stub.xml.gz", 5_000));
        harness.Source.Write("public/enwiki/20261101/enwiki-20261101-history.xml.bz2.inprog", 3_000);
        var sourceFiles = Directory.GetFiles(harness.Source.Root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".inprog", StringComparison.Ordinal)).ToList();

        var result = await harness.PassAsync(harness.Options() with { Verify = false });

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(sourceFiles.Count, result.Files);
        Assert.Equal(sourceFiles.Sum(f => new FileInfo(f).Length), result.Bytes);
        Assert.Equal(sourceFiles.Count, result.SourceFiles);
        Assert.Equal(0, result.Verification.Good);
    }

    [Fact]
    public async Task RunAsync_InProgressFile_NeverVisibleUnderFinalNameBeforeComplete()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 1_000));
        var final = "public/enwiki/20261101/enwiki-20261101-history.xml.bz2";
        harness.Source.Write(final + ".inprog", 600_000);
        Assert.True((await harness.PassAsync()).Succeeded);
        Assert.False(File.Exists(harness.Dest(final)));
        Assert.False(File.Exists(harness.Dest(final + ".inprog")));

        // The producer finishes: renamed to the final name. A slow pass must never expose it partly written.
        File.Move(harness.Src(final + ".inprog"), harness.Src(final));
        var expected = File.ReadAllBytes(harness.Src(final));
        using var watching = new CancellationTokenSource();
        var partialSightings = 0;
        var sightings = 0;
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                var info = new FileInfo(harness.Dest(final));
                if (info.Exists)
                {
                    sightings++;
                    if (info.Length != expected.Length)
                    {
                        partialSightings++;
                    }
                }

                await Task.Delay(5);
            }
        });

        var result = await harness.PassAsync(harness.Options() with { Transfer = harness.Options().Transfer with { BandwidthLimit = "600" } });
        await watching.CancelAsync();
        await watcher;

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(0, partialSightings);
        Assert.True(sightings > 0);
        Assert.Equal(expected, File.ReadAllBytes(harness.Dest(final)));
    }

    [Fact]
    public async Task RunAsync_MirrorExact_DeletesWhatLeftTheSourceAndNeverPolicyKeepsIt()
    {
        await using var harness = await SyncHarness.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            harness.Source.Write($"other/kiwix/wikipedia_{i}.zim", 100);
        }

        var never = harness.Options();
        Assert.True((await harness.PassAsync(never)).Succeeded);
        File.Delete(harness.Src("other/kiwix/wikipedia_3.zim"));

        Assert.True((await harness.PassAsync(never)).Succeeded);
        Assert.True(File.Exists(harness.Dest("other/kiwix/wikipedia_3.zim")));

        var exact = never with { MirrorExact = true, MaxDelete = 5 };
        Assert.True((await harness.PassAsync(exact)).Succeeded);
        Assert.False(File.Exists(harness.Dest("other/kiwix/wikipedia_3.zim")));
        Assert.True(File.Exists(harness.Dest("trace/host-a.json")));
    }

    [Fact]
    public async Task RunAsync_DryRun_ReportsChangesAndChangesNothing()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 2_000));

        var result = await harness.PassAsync(harness.Options() with { DryRun = true });

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains(result.Stages.SelectMany(s => s.Changes), c => c.IsFileTransfer && c.Path == "public/enwiki/20261101/enwiki-20261101-pages.xml.bz2");
        Assert.Contains(result.Stages.Single(s => s.Stage == "status").Changes, c => c.Path == "public/enwiki/20261101/dumpstatus.json");
        Assert.Empty(harness.DestinationFiles());
        Assert.False(File.Exists(Path.Combine(harness.StateDirectory, "sync.db")));
    }

    [Fact]
    public async Task RunAsync_Success_WritesTraceAndRecordsPass()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 7_000));

        var result = await harness.PassAsync();

        Assert.True(result.Succeeded, result.Message);
        var trace = TraceWriter.TryRead(harness.Dest("trace/host-a.json"));
        Assert.NotNull(trace);
        Assert.Equal("host-a", trace.Host);
        Assert.Equal(harness.Daemon.Url, trace.Source);
        Assert.True(trace.Completed >= trace.Started);
        Assert.True(trace.Bytes >= 7_000);
        Assert.Contains("data", trace.StageSeconds.Keys);
        Assert.Contains("status", trace.StageSeconds.Keys);
        var last = new SyncHistory(SyncStateDatabase.Open(harness.StateDirectory)).LastGood("dumps");
        Assert.NotNull(last);
        Assert.Equal(result.SourceFiles, last.SourceFiles);
        Assert.Equal(result.Files, last.Files);
    }
}
