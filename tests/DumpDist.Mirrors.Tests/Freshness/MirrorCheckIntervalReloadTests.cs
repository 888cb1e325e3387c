using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Core.Processes;
using DumpDist.Mirrors.Freshness;
using DumpDist.Mirrors.Hosting;
using DumpDist.Mirrors.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Mirrors.Tests.Freshness;

public sealed class MirrorCheckIntervalReloadTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WatchedClusterFile_IntervalShortened_NextRoundAtTheNewInterval_BadValueKeepsIt()
    {
        var scratch = TestPaths.NewTempDirectory("checkinterval");
        try
        {
            var publicDirectory = Directory.CreateDirectory(Path.Combine(scratch, "public")).FullName;
            var time = new FakeTimeProvider(Start);
            var trace = MirrorTrace.Of("aawiki/20261101\n", time.GetUtcNow());
            await File.WriteAllTextAsync(Path.Combine(publicDirectory, MirrorTrace.FileName), trace.Render());
            await using var mirror = new TinyHttpServer(200, trace.Render());
            IReadOnlyList<MirrorConfig> registry = [new() { Name = "mirror-a", Url = mirror.Url, Hostname = "a.example.org" }];
            var path = Path.Combine(scratch, "cluster.yaml");
            await File.WriteAllTextAsync(path, Cluster(scratch, "1h"));
            var keptRunning = new EventLogger(1002);
            var source = ClusterConfigSource.Open(path, keptRunning, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
            using var watcher = new ClusterConfigWatcher(source, time, new ClusterConfigWatcherOptions { Interval = TimeSpan.FromSeconds(1) });
            var checker = new MirrorChecker(MirrorHttp.Create(TimeSpan.FromSeconds(5)), new ChildProcessRunner(), time, TimeSpan.FromSeconds(5));
            using var monitor = new FreshnessMonitor(
                checker, new MirrorCheckState(MirrorCheckState.PathFor(scratch)), () => registry, publicDirectory, null, LiveRsyncSettings.MirrorCheckInterval(source), time, NullLogger.Instance);
            await watcher.StartAsync(CancellationToken.None);
            await monitor.StartAsync(CancellationToken.None);
            Assert.True(await Eventually.TrueAsync(() => mirror.Requests > 0, TimeSpan.FromSeconds(10)), "no first round");
            var firstRound = mirror.Requests;

            // 1h -> 5m while the monitor waits out the hour: the round in wait comes 5 min after the first.
            await File.WriteAllTextAsync(path, Cluster(scratch, "5m"));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
            Assert.True(await AdvanceUntilAsync(time, () => source.Generation == 2, TimeSpan.FromSeconds(30)), "the watcher did not reload the file");
            Assert.True(await AdvanceUntilAsync(time, () => mirror.Requests > firstRound, TimeSpan.FromMinutes(10)), "no second round within 10 min of fake time (the interval at start was 1h)");
            var secondRoundAt = time.GetUtcNow();
            var secondRound = mirror.Requests;

            // A bad value: the file is refused and logged, and 5m stays (neither 1h nor the 15m default).
            await File.WriteAllTextAsync(path, Cluster(scratch, "soon"));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(10));
            Assert.True(await AdvanceUntilAsync(time, () => keptRunning.Logged.IsCompleted, TimeSpan.FromSeconds(30)), "the bad file was not reported");
            var thirdRoundFound = await AdvanceUntilAsync(time, () => mirror.Requests > secondRound, TimeSpan.FromMinutes(10));
            await monitor.StopAsync(CancellationToken.None);
            await watcher.StopAsync(CancellationToken.None);

            Assert.InRange(secondRoundAt, Start + TimeSpan.FromMinutes(5), Start + TimeSpan.FromMinutes(10));
            Assert.True(thirdRoundFound, "no round within 10 min of fake time after a bad edit (5m should have stayed in force)");
            Assert.Equal(2, source.Generation);
            Assert.Equal(TimeSpan.FromMinutes(5), source.Current.Services.Rsync!.MirrorCheckInterval);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Moves fake time on in 10 s steps (one trace poll and one file check each) until the condition holds or <paramref name="fakeLimit"/> has passed.</summary>
    private static async Task<bool> AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, TimeSpan fakeLimit)
    {
        var limit = time.GetUtcNow() + fakeLimit;
        return await Eventually.TrueAsync(
            () =>
            {
                if (condition())
                {
                    return true;
                }

                if (time.GetUtcNow() < limit)
                {
                    time.Advance(TimeSpan.FromSeconds(10));
                }

                return false;
            },
            TimeSpan.FromSeconds(20));
    }

    private static string Cluster(string root, string interval) =>
        $"""
        source:
          url: /srv/canonical
        datasets:
          - name: dumps
            path: public
            layout: wiki-runs
        hosts:
          - name: node1
            public_address: 127.0.0.2
            admin_address: 127.0.0.1:19100
            root: {root}
        services:
          rsync:
            active: node1
            mirror_check_interval: {interval}
        """;
}
