using DumpDist.Sync.Publishing;
using DumpDist.Sync.Scheduling;
using DumpDist.Sync.Tests.Support;
using DumpDist.Sync.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace DumpDist.Sync.Tests.Scheduling;

public sealed class SyncSchedulerTests
{
    [Fact]
    public async Task TriggerNowAsync_BeforeSchedule_RunsPassAndUpdatesMetrics()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 3_000));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var registry = Metrics.NewCustomRegistry();
        var metrics = new SyncMetrics(time, registry);
        var pass = new SyncPass(new RsyncRunner(), time, harness.Logger);
        using var scheduler = new SyncScheduler(pass, [new ScheduledDataset(harness.Options(), SyncSchedule.Every(TimeSpan.FromHours(1)))], time, NullLogger<SyncScheduler>.Instance, metrics);
        await scheduler.StartAsync(CancellationToken.None);

        // Nothing is due for an hour of fake time; only the trigger can start a pass.
        var results = await scheduler.TriggerNowAsync("dumps", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        time.Advance(TimeSpan.FromSeconds(30));
        var exposition = await ExportAsync(registry);
        await scheduler.StopAsync(CancellationToken.None);

        var result = Assert.Single(results);
        Assert.True(result.Succeeded, result.Message);
        Assert.True(File.Exists(harness.Dest("public/enwiki/20261101/enwiki-20261101-pages.xml.bz2")));
        Assert.Contains("dumpdist_sync_passes_total{dataset=\"dumps\",outcome=\"ok\"} 1", exposition);
        Assert.Contains("dumpdist_sync_lag_seconds{dataset=\"dumps\"} 30", exposition);
        Assert.Contains("dumpdist_sync_verify_failures_total{dataset=\"dumps\"} 0", exposition);
        Assert.Matches("dumpdist_sync_pass_files\\{dataset=\"dumps\"\\} [1-9]", exposition);
    }

    [Fact]
    public async Task PassCompleted_AfterEachPass_RaisedWithDatasetEvenWhenAHandlerThrows()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 1_000));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var pass = new SyncPass(new RsyncRunner(), time, harness.Logger);
        using var scheduler = new SyncScheduler(pass, [new ScheduledDataset(harness.Options(), SyncSchedule.Every(TimeSpan.FromHours(1)))], time, NullLogger<SyncScheduler>.Instance, null);
        var seen = new List<(string Dataset, bool Ok)>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.PassCompleted += (_, _) => throw new InvalidOperationException("a broken hook");
        scheduler.PassCompleted += (dataset, result) =>
        {
            lock (seen)
            {
                seen.Add((dataset, result.Succeeded));
                if (seen.Count == 2)
                {
                    second.TrySetResult();
                }
            }
        };
        await scheduler.StartAsync(CancellationToken.None);

        await scheduler.TriggerNowAsync("dumps", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        await scheduler.TriggerNowAsync("dumps", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        await second.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal([("dumps", true), ("dumps", true)], seen);
    }

    [Fact]
    public async Task ExecuteAsync_IntervalElapses_RunsPassOnSchedule()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 1_000));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var pass = new SyncPass(new RsyncRunner(), time, harness.Logger);
        using var scheduler = new SyncScheduler(pass, [new ScheduledDataset(harness.Options(), SyncSchedule.Every(TimeSpan.FromMinutes(10)))], time, NullLogger<SyncScheduler>.Instance, null);
        await scheduler.StartAsync(CancellationToken.None);

        await Task.Delay(300);
        Assert.Empty(scheduler.LastResults);
        time.Advance(TimeSpan.FromMinutes(9));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (scheduler.LastResults.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await scheduler.StopAsync(CancellationToken.None);
        Assert.True(scheduler.LastResults["dumps"].Succeeded);
    }

    [Fact]
    public async Task Reschedule_ShorterInterval_NextPassFollowsTheNewSchedule_UnknownDatasetReported()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 1_000));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var pass = new SyncPass(new RsyncRunner(), time, harness.Logger);
        using var scheduler = new SyncScheduler(pass, [new ScheduledDataset(harness.Options(), SyncSchedule.Every(TimeSpan.FromHours(6)))], time, NullLogger<SyncScheduler>.Instance, null);
        await scheduler.StartAsync(CancellationToken.None);
        await Task.Delay(300);

        // A cluster-file edit: every 10 minutes instead of 6 hours, and a dataset that is not scheduled.
        var unapplied = scheduler.Reschedule(
        [
            new ScheduledDataset(harness.Options(), SyncSchedule.Every(TimeSpan.FromMinutes(10))),
            new ScheduledDataset(harness.Options() with { Dataset = "pageviews" }, SyncSchedule.Every(TimeSpan.FromMinutes(10))),
        ]);
        await Task.Delay(300);
        time.Advance(TimeSpan.FromMinutes(9));
        var ran = await TestSupport.Eventually.TrueAsync(() => scheduler.LastResults.Count > 0, TimeSpan.FromSeconds(60));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(["pageviews"], unapplied);
        Assert.True(ran, "the pass under the new 10-minute schedule did not run within 9 minutes of fake time");
        Assert.Equal(TimeSpan.FromMinutes(10), scheduler.Schedules["dumps"].Interval);
    }

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
