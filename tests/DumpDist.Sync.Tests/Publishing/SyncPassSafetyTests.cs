using DumpDist.Sync.Publishing;
using DumpDist.Sync.Tests.Support;

namespace DumpDist.Sync.Tests.Publishing;

/// <summary>The guard and the lock: a pass that must not run changes nothing.</summary>
public sealed class SyncPassSafetyTests
{
    private static bool PublishRulesIsStatus(string relativePath) => DumpDist.Core.Tree.PublishRules.IsStatusOrIndexFile(relativePath);

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
}
