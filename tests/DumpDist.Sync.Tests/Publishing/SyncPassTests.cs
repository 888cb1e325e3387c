using DumpDist.Sync.Publishing;
using DumpDist.Sync.State;
using DumpDist.Sync.Tests.Support;
using DumpDist.Sync.Trace;
using DumpDist.Sync.Verification;

namespace DumpDist.Sync.Tests.Publishing;

public sealed class SyncPassTests
{
    private static bool PublishRulesIsStatus(string relativePath) => DumpDist.Core.Tree.PublishRules.IsStatusOrIndexFile(relativePath);

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
    public async Task RunAsync_FirstPassFromEmptySource_RefusesAndPublishesNothing()
    {
        await using var harness = await SyncHarness.StartAsync();

        var result = await harness.PassAsync();

        Assert.Equal(SyncPassOutcome.Refused, result.Outcome);
        Assert.Contains("no publishable files", result.Message);
        Assert.Empty(harness.DestinationFiles());
        Assert.False(Directory.Exists(harness.Dest(StageArguments.StagingDirectory)));
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_EmptySource_RefusesAndDeletesNothing(bool mirrorExact)
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 2_000));
        var options = harness.Options() with { MirrorExact = mirrorExact, MaxDelete = 1000 };
        Assert.True((await harness.PassAsync(options)).Succeeded);
        var before = harness.DestinationFiles();

        // The source's filesystem is "unmounted": the module directory is empty.
        Directory.Delete(Path.Combine(harness.Source.Root, "public"), recursive: true);
        var result = await harness.PassAsync(options);

        Assert.Equal(SyncPassOutcome.Refused, result.Outcome);
        Assert.Contains("no publishable files", result.Message);
        Assert.Equal(before, harness.DestinationFiles());
    }

    [Fact]
    public async Task RunAsync_SourceLostMoreThanAllowedFraction_Refuses()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("a.gz", 100), ("b.gz", 100), ("c.gz", 100), ("d.gz", 100));
        harness.Source.AddGoodRun("dewiki", "20261101", ("a.gz", 100), ("b.gz", 100), ("c.gz", 100), ("d.gz", 100));
        var options = harness.Options() with { MirrorExact = true, MaxDelete = 1000, MaxLossFraction = 0.3 };
        Assert.True((await harness.PassAsync(options)).Succeeded);
        var before = harness.DestinationFiles();

        Directory.Delete(Path.Combine(harness.Source.Root, "public", "dewiki"), recursive: true);
        var result = await harness.PassAsync(options);

        Assert.Equal(SyncPassOutcome.Refused, result.Outcome);
        Assert.Contains("fewer than the 20 at the last good pass", result.Message);
        Assert.Equal(before, harness.DestinationFiles());
    }

    [Fact]
    public async Task RunAsync_DestinationWipedAndSourceLostFiles_CopiesNoStatusAndRefuses()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("a.gz", 100), ("b.gz", 100), ("c.gz", 100), ("d.gz", 100));
        harness.Source.AddGoodRun("dewiki", "20261101", ("a.gz", 100), ("b.gz", 100), ("c.gz", 100), ("d.gz", 100));
        var options = harness.Options() with { MaxLossFraction = 0.3 };
        Assert.True((await harness.PassAsync(options)).Succeeded);

        // The serving copy is wiped (a new disk), and the source has lost a wiki meanwhile: the
        // first copy finds an empty destination, but the last good pass still sets the bar.
        Directory.Delete(harness.Destination, recursive: true);
        Directory.Delete(Path.Combine(harness.Source.Root, "public", "dewiki"), recursive: true);
        var result = await harness.PassAsync(options);

        Assert.Equal(SyncPassOutcome.Refused, result.Outcome);
        Assert.Contains("fewer than the 20 at the last good pass", result.Message);
        Assert.DoesNotContain(harness.DestinationFiles(), PublishRulesIsStatus);
        Assert.False(Directory.Exists(harness.Dest(StageArguments.StagingDirectory)));
        Assert.False(File.Exists(harness.Dest("trace/host-a.json")));
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
    public async Task RunAsync_LockHeldByAnotherPass_RefusesAndChangesNothing()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 1_000));
        using var held = DumpDist.Sync.Safety.SyncLock.TryAcquire(harness.StateDirectory, "dumps", out _);
        Assert.NotNull(held);

        var result = await harness.PassAsync();

        Assert.Equal(SyncPassOutcome.Refused, result.Outcome);
        Assert.Contains("another sync pass", result.Message);
        Assert.Empty(harness.DestinationFiles());
    }

    [Fact]
    public async Task RunAsync_StaleLockOfDeadPid_TakesOverWithWarning()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 1_000));
        var dead = await TestSupport.ExternalProgram.RunAsync("sh", ["-c", "echo $$"]);
        var deadPid = int.Parse(dead.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(harness.StateDirectory);
        await File.WriteAllTextAsync(Path.Combine(harness.StateDirectory, "sync-dumps.lock"), $"{deadPid}\n");

        var result = await harness.PassAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains(harness.Logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains($"pid {deadPid}", StringComparison.Ordinal));
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
