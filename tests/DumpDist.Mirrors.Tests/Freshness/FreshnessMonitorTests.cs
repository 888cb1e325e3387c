using DumpDist.Core.Configuration;
using DumpDist.Core.Processes;
using DumpDist.Mirrors.Freshness;
using DumpDist.Mirrors.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Mirrors.Tests.Freshness;

public sealed class FreshnessMonitorTests
{
    [Fact]
    public async Task CheckNowAsync_FreshThenStale_PageKeepsLastSeenFreshAndStateSurvives()
    {
        var scratch = TestPaths.NewTempDirectory("freshness");
        var publicDirectory = Directory.CreateDirectory(Path.Combine(scratch, "public")).FullName;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var first = MirrorTrace.Of("aawiki/20261101\n", time.GetUtcNow());
        await File.WriteAllTextAsync(Path.Combine(publicDirectory, MirrorTrace.FileName), first.Render());
        await using var mirror = new TinyHttpServer(200, first.Render());
        IReadOnlyList<MirrorConfig> registry = [new() { Name = "mirror-a", Url = mirror.Url, Hostname = "a.example.org", Institution = "Example U" }];
        var statePath = MirrorCheckState.PathFor(scratch);
        var checker = new MirrorChecker(MirrorHttp.Create(TimeSpan.FromSeconds(5)), new ChildProcessRunner(), time, TimeSpan.FromSeconds(5));
        var monitor = new FreshnessMonitor(checker, new MirrorCheckState(statePath), () => registry, publicDirectory, null, () => TimeSpan.FromMinutes(15), time, NullLogger.Instance);

        var firstRound = await monitor.CheckNowAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2));
        await File.WriteAllTextAsync(Path.Combine(publicDirectory, MirrorTrace.FileName), MirrorTrace.Of("aawiki/20261120\n", time.GetUtcNow()).Render());
        var secondRound = await monitor.CheckNowAsync(CancellationToken.None);

        Assert.Equal(MirrorCheckStatus.Fresh, firstRound!.Single().Status);
        Assert.Equal(MirrorCheckStatus.Stale, secondRound!.Single().Status);
        var json = await File.ReadAllTextAsync(Path.Combine(publicDirectory, MirrorsPage.JsonFileName));
        Assert.Contains("\"status\": \"stale\"", json, StringComparison.Ordinal);
        Assert.Contains("\"last_seen_fresh\": \"2026-11-30T12:00:00Z\"", json, StringComparison.Ordinal);
        Assert.Contains("Example U", await File.ReadAllTextAsync(Path.Combine(publicDirectory, MirrorsPage.HtmlFileName)), StringComparison.Ordinal);
        var reloaded = new MirrorCheckState(statePath);
        await reloaded.LoadAsync(CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), reloaded.Mirrors["mirror-a"].LastSeenFresh);
    }

    [Fact]
    public async Task ExecuteAsync_NoTraceAtStart_PagePublishedSoonAfterTheTraceAppearsNotAnIntervalLater()
    {
        var scratch = TestPaths.NewTempDirectory("freshness");
        try
        {
            var publicDirectory = Directory.CreateDirectory(Path.Combine(scratch, "public")).FullName;
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
            var checker = new MirrorChecker(MirrorHttp.Create(TimeSpan.FromSeconds(5)), new ChildProcessRunner(), time, TimeSpan.FromSeconds(5));
            var noTrace = new EventLogger(7101);
            using var monitor = new FreshnessMonitor(checker, new MirrorCheckState(MirrorCheckState.PathFor(scratch)), () => [], publicDirectory, null, () => TimeSpan.FromMinutes(15), time, noTrace);
            var page = Path.Combine(publicDirectory, MirrorsPage.JsonFileName);

            // The first round finds no trace (a host before its first sync) and publishes nothing.
            await monitor.StartAsync(CancellationToken.None);
            await noTrace.Logged.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(File.Exists(page));
            await File.WriteAllTextAsync(Path.Combine(publicDirectory, MirrorTrace.FileName), MirrorTrace.Of("aawiki/20261101\n", time.GetUtcNow()).Render());
            var limit = time.GetUtcNow() + TimeSpan.FromMinutes(1);
            await Eventually.TrueAsync(
                () =>
                {
                    if (time.GetUtcNow() < limit)
                    {
                        time.Advance(TimeSpan.FromSeconds(1));
                    }

                    return File.Exists(page);
                },
                TimeSpan.FromSeconds(10));
            await monitor.StopAsync(CancellationToken.None);

            Assert.True(File.Exists(page), "no mirrors page within a minute of fake time after the trace appeared (the next full interval is 15 min)");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task ExecuteAsync_OurTraceChanges_MirrorsCheckedAgainAtOnceNotAnIntervalLater()
    {
        var scratch = TestPaths.NewTempDirectory("freshness");
        try
        {
            var publicDirectory = Directory.CreateDirectory(Path.Combine(scratch, "public")).FullName;
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
            var first = MirrorTrace.Of("aawiki/20261101\n", time.GetUtcNow());
            await File.WriteAllTextAsync(Path.Combine(publicDirectory, MirrorTrace.FileName), first.Render());
            await using var mirror = new TinyHttpServer(200, first.Render());
            IReadOnlyList<MirrorConfig> registry = [new() { Name = "mirror-a", Url = mirror.Url, Hostname = "a.example.org" }];
            var checker = new MirrorChecker(MirrorHttp.Create(TimeSpan.FromSeconds(5)), new ChildProcessRunner(), time, TimeSpan.FromSeconds(5));
            using var monitor = new FreshnessMonitor(checker, new MirrorCheckState(MirrorCheckState.PathFor(scratch)), () => registry, publicDirectory, null, () => TimeSpan.FromMinutes(15), time, NullLogger.Instance);
            var page = Path.Combine(publicDirectory, MirrorsPage.JsonFileName);

            await monitor.StartAsync(CancellationToken.None);
            Assert.True(await Eventually.TrueAsync(() => File.Exists(page) && File.ReadAllText(page).Contains("\"status\": \"fresh\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
            time.Advance(TimeSpan.FromMinutes(1));
            await File.WriteAllTextAsync(Path.Combine(publicDirectory, MirrorTrace.FileName), MirrorTrace.Of("aawiki/20261120\n", time.GetUtcNow()).Render());
            var limit = time.GetUtcNow() + TimeSpan.FromMinutes(1);
            var rechecked = await Eventually.TrueAsync(
                () =>
                {
                    if (time.GetUtcNow() < limit)
                    {
                        time.Advance(TimeSpan.FromSeconds(1));
                    }

                    return File.ReadAllText(page).Contains("\"status\": \"stale\"", StringComparison.Ordinal);
                },
                TimeSpan.FromSeconds(10));
            await monitor.StopAsync(CancellationToken.None);

            Assert.True(rechecked, "the mirror was not checked again within a minute of fake time after our trace changed (the next full round is 15 min later)");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
