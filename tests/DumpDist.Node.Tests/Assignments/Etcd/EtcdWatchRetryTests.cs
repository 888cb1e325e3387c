using System.Threading.Channels;
using DumpDist.Node.Assignments.Etcd;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static DumpDist.Node.Tests.Assignments.Etcd.EtcdStoreFactory;

namespace DumpDist.Node.Tests.Assignments.Etcd;

/// <summary>The watch's retries against an endpoint where nothing listens, on a fake clock.</summary>
public sealed class EtcdWatchRetryTests
{
    [Fact]
    public async Task WatchLoop_EtcdNeverAnswers_RetriesOnTheTimeProviderWithCappedBackoffAndWarnsOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new CapturingLogger<EtcdAssignmentStore>();
        var retries = Channel.CreateUnbounded<TimeSpan>();
        log.Logged += entry =>
        {
            if (entry.EventId == 6309)
            {
                retries.Writer.TryWrite((TimeSpan)entry.Values["Delay"]!);
            }
        };
        var reachableChanges = 0;
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}");

        // Minutes, not seconds: a loop that waited on the real clock would never get through this test.
        var options = Options(nowhere) with { RetryInitial = TimeSpan.FromMinutes(1), RetryMax = TimeSpan.FromMinutes(4) };
        await using var store = new EtcdAssignmentStore(Defaults, options, time, log);
        store.ReachableChanged += _ => Interlocked.Increment(ref reachableChanges);
        await store.StartAsync(CancellationToken.None);

        var delays = new List<double>();
        using var timeout = new CancellationTokenSource(StoreWaits.Timeout);
        for (var i = 0; i < 5; i++)
        {
            var delay = await retries.Reader.ReadAsync(timeout.Token);
            delays.Add(delay.TotalMinutes);

            // One tick short of the delay is not enough: no attempt is made yet.
            time.Advance(delay - TimeSpan.FromTicks(1));
            Assert.False(retries.Reader.TryPeek(out _));
            time.Advance(TimeSpan.FromTicks(1));
        }

        Assert.Equal([1.0, 2, 4, 4, 4], delays);
        Assert.False(store.Reachable);
        Assert.Same(Defaults, store.Current);
        Assert.Equal(1, reachableChanges);
        var warning = Assert.Single(log.Entries, entry => entry.Level >= LogLevel.Warning);
        Assert.Equal(6301, warning.EventId);
    }
}
