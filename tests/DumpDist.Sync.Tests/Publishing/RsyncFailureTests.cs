using DumpDist.Sync.Publishing;
using DumpDist.Sync.Scheduling;
using DumpDist.Sync.Tests.Support;
using DumpDist.Sync.Transport;
using DumpDist.TestSupport.SyncFailures;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace DumpDist.Sync.Tests.Publishing;

/// <summary>
/// A pass that fails for a rsync reason, made to happen for real (<see cref="SyncFailureLab"/>), run
/// by the scheduler as the node runs it: recorded in sync.db, nothing new published, the message
/// names the stage and the cause, and dumpdist_sync_passes_total counts it by outcome.
/// </summary>
public sealed class RsyncFailureTests
{
    public static TheoryScenarios Scenarios => SyncFailureLab.Scenarios;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Pass_RsyncFails_RecordedNothingPublishedCountedByOutcome(string scenario)
    {
        await using var lab = await SyncFailureLab.StartAsync(scenario);
        var logger = new ListLogger();
        var good = await new SyncPass(new RsyncRunner(), TimeProvider.System, logger).RunAsync(Options(lab, lab.ModuleUrl, false, 0), CancellationToken.None);
        Assert.True(good.Succeeded, good.Message);
        var before = lab.Snapshot();
        var fault = await lab.ArrangeAsync();
        var registry = Metrics.NewCustomRegistry();
        var pass = new SyncPass(new RsyncRunner(fault.RsyncPath), TimeProvider.System, logger);
        var options = Options(lab, fault.ModuleUrl, fault.MirrorExact, fault.MaxDelete);
        using var scheduler = new SyncScheduler(pass, [new ScheduledDataset(options, SyncSchedule.Every(TimeSpan.FromDays(7)))], TimeProvider.System, NullLogger<SyncScheduler>.Instance, new SyncMetrics(TimeProvider.System, registry));
        await scheduler.StartAsync(CancellationToken.None);

        var result = Assert.Single(await scheduler.TriggerNowAsync("dumps", CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2)));
        using var exposition = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(exposition);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(SyncPassOutcome.RsyncFailed, result.Outcome);
        Assert.StartsWith($"stage {fault.Stage}: rsync exited ", result.Message);
        Assert.Contains(fault.Cause, result.Message);
        Assert.Equal(("rsync-failed", result.Message), lab.LastPass());
        Assert.Equal(2, lab.PassCount());
        lab.AssertNothingNewPublished(before);
        var metrics = System.Text.Encoding.UTF8.GetString(exposition.ToArray());
        Assert.Contains("dumpdist_sync_passes_total{dataset=\"dumps\",outcome=\"rsync-failed\"} 1", metrics);
        Assert.DoesNotContain("outcome=\"ok\"", metrics);
    }

    private static SyncPassOptions Options(SyncFailureLab lab, string moduleUrl, bool mirrorExact, int maxDelete) => new()
    {
        Dataset = "dumps",
        Host = "host-a",
        Source = RsyncEndpoint.TryParse(moduleUrl + "public/", out _)!,
        Destination = lab.Destination,
        TraceRoot = lab.Root,
        StateDirectory = lab.StateDirectory,
        Transfer = new RsyncTransferOptions { ConnectTimeoutSeconds = 10, IoTimeoutSeconds = 30 },
        MirrorExact = mirrorExact,
        MaxDelete = maxDelete,
    };
}
