using System.Threading.Channels;
using DumpDist.Core.Cluster;
using DumpDist.Node.Assignments.Etcd;
using DumpDist.TestSupport;
using Microsoft.Extensions.Time.Testing;
using static DumpDist.Node.Tests.Assignments.Etcd.EtcdStoreFactory;

namespace DumpDist.Node.Tests.Assignments.Etcd;

/// <summary>Two or three stores (nodes) on one real etcd, as two serving hosts share one cluster.</summary>
public sealed class EtcdAssignmentStoreTests
{
    [Fact]
    public async Task CommitAsync_ByOneNode_OtherNodeSeesItThroughWatchAndBothListTheAudit()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var a = Create(etcd.ClientUrl);
        await using var b = Create(etcd.ClientUrl);
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);

        var bSeesOne = StoreWaits.EpochAsync(b, 1);
        var first = await a.CommitAsync(Failover(a.Current, "web", "dumps2"), CancellationToken.None);

        Assert.True(first.Committed, first.Message);
        Assert.Equal(1, a.Current.Epoch);
        var seen = await bSeesOne;
        Assert.Equal(1, seen.Epoch);
        Assert.Equal("dumps2", b.Current.HostOf("web"));
        Assert.Equal("dumps1", b.Current.HostOf("rsync"));

        var aSeesTwo = StoreWaits.EpochAsync(a, 2);
        var second = await b.CommitAsync(Failover(b.Current, "rsync", "dumps2", token: "oncall"), CancellationToken.None);
        Assert.True(second.Committed, second.Message);
        Assert.Equal("dumps2", (await aSeesTwo).HostOf("rsync"));

        foreach (var store in new[] { a, b })
        {
            var audit = await store.AuditAsync(10, CancellationToken.None);
            Assert.Equal([2L, 1L], audit.Select(record => record.Epoch));
            Assert.Equal(["oncall", "ops"], audit.Select(record => record.Token));
            Assert.Equal("web", audit[1].Service);
            Assert.Equal("dumps1", audit[1].From);
            Assert.Equal("dumps2", audit[1].To);
        }

        Assert.Equal([2L], (await a.AuditAsync(1, CancellationToken.None)).Select(record => record.Epoch));

        // A node (re)started now answers from etcd's set as soon as it is started, never the defaults.
        await using var c = Create(etcd.ClientUrl);
        await c.StartAsync(CancellationToken.None);
        Assert.Equal(2, c.Current.Epoch);
        Assert.True(c.Reachable);
    }

    [Fact]
    public async Task CommitAsync_TwoNodesCommitTheSameEpoch_ExactlyOneWinsEachRound()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var a = Create(etcd.ClientUrl);
        await using var b = Create(etcd.ClientUrl);
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);

        for (var round = 1; round <= 5; round++)
        {
            Assert.Equal(round - 1, a.Current.Epoch);
            Assert.Equal(round - 1, b.Current.Epoch);
            var results = await Task.WhenAll(
                Task.Run(() => a.CommitAsync(Failover(a.Current, "web", "dumps2", token: "a"), CancellationToken.None)),
                Task.Run(() => b.CommitAsync(Failover(b.Current, "web", "dumps3", token: "b"), CancellationToken.None)));

            Assert.Single(results, result => result.Committed);
            var lost = Assert.Single(results, result => !result.Committed);
            Assert.Equal($"epoch {round} was committed by someone else; re-read and retry", lost.Message);

            // The loser read the winner's set in the same transaction: both hold it at once.
            var winner = results[0].Committed ? "dumps2" : "dumps3";
            Assert.Equal(round, a.Current.Epoch);
            Assert.Equal(round, b.Current.Epoch);
            Assert.Equal(winner, a.Current.HostOf("web"));
            Assert.Equal(winner, b.Current.HostOf("web"));
            var audit = await a.AuditAsync(1, CancellationToken.None);
            Assert.Equal(round, audit[0].Epoch);
            Assert.Equal(winner, audit[0].To);
        }

        Assert.Equal(5, (await b.AuditAsync(100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Watch_EtcdStoppedAndRestarted_KeepsLastSetWhileDownAndTakesEpochCommittedMeanwhile()
    {
        await using var etcd = await EtcdServer.StartAsync();

        // Node A's backoff runs on a fake clock, so "meanwhile" is certain: A retries only when told.
        var aTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var aLog = new CapturingLogger<EtcdAssignmentStore>();
        var retries = Channel.CreateUnbounded<TimeSpan>();
        aLog.Logged += entry =>
        {
            if (entry.EventId == 6309)
            {
                retries.Writer.TryWrite((TimeSpan)entry.Values["Delay"]!);
            }
        };
        await using var a = Create(etcd.ClientUrl, aTime, aLog);
        await using var b = Create(etcd.ClientUrl);
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        var bSeesOne = StoreWaits.EpochAsync(b, 1);
        Assert.True((await a.CommitAsync(Failover(a.Current, "nfs-vps", "dumps2"), CancellationToken.None)).Committed);
        await bSeesOne;
        var before = a.Current;

        var aDown = StoreWaits.ReachableAsync(a, false);
        var bDown = StoreWaits.ReachableAsync(b, false);
        await etcd.StopAsync();
        await aDown;
        await bDown;

        Assert.Same(before, a.Current);
        Assert.Equal("dumps2", a.Current.HostOf("nfs-vps"));
        var refused = await a.CommitAsync(Failover(a.Current, "web", "dumps2"), CancellationToken.None);
        Assert.False(refused.Committed);
        Assert.Contains("etcd did not confirm epoch 2", refused.Message, StringComparison.Ordinal);
        await a.RefreshAsync(CancellationToken.None);
        Assert.Same(before, a.Current);
        Assert.Empty(await a.AuditAsync(10, CancellationToken.None));
        Assert.False(a.Reachable);

        await etcd.RestartAsync();
        await StoreWaits.ReachableAsync(b, true);
        var committed = await b.CommitAsync(Failover(b.Current, "web", "dumps2", token: "b"), CancellationToken.None);
        Assert.True(committed.Committed, committed.Message);
        Assert.Equal(1, a.Current.Epoch);

        // Let A's pending retries fire until its watch is back; it must take epoch 2 on the way.
        var aSeesTwo = StoreWaits.EpochAsync(a, 2);
        while (!aSeesTwo.IsCompleted)
        {
            var next = retries.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(aSeesTwo, next) == next)
            {
                aTime.Advance(await next);
            }
        }

        Assert.Equal("dumps2", (await aSeesTwo).HostOf("web"));
        Assert.True(a.Reachable);

        // The resumed watch carries the next commit without any further retry.
        var aSeesThree = StoreWaits.EpochAsync(a, 3);
        Assert.True((await b.CommitAsync(Failover(b.Current, "rsync", "dumps2"), CancellationToken.None)).Committed);
        Assert.Equal(3, (await aSeesThree).Epoch);
        Assert.Equal(1, aLog.Count(6301));
        Assert.Equal(2, aLog.Count(6300));
    }

    [Fact]
    public async Task Watch_EtcdHangsWithConnectionsOpen_KeepAliveNoticesAndWatchResumesAfterward()
    {
        await using var etcd = await EtcdServer.StartAsync();
        var log = new CapturingLogger<EtcdAssignmentStore>();
        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        log.Logged += entry =>
        {
            if (entry.EventId == 6308)
            {
                watching.TrySetResult();
            }
        };
        await using var store = new EtcdAssignmentStore(Defaults, Options(etcd.ClientUrl) with { Timeout = TimeSpan.FromSeconds(2) }, TimeProvider.System, log);
        await store.StartAsync(CancellationToken.None);
        await watching.Task.WaitAsync(StoreWaits.Timeout);

        // Nothing closes the watch's connection: only the HTTP/2 pings (10 s, then the 2 s timeout) can tell.
        var down = StoreWaits.ReachableAsync(store, false, TimeSpan.FromSeconds(40));
        await etcd.FreezeAsync();
        await down;
        Assert.Same(Defaults, store.Current);

        var up = StoreWaits.ReachableAsync(store, true, TimeSpan.FromSeconds(40));
        await etcd.ThawAsync();
        await up;
        await using var other = Create(etcd.ClientUrl);
        await other.StartAsync(CancellationToken.None);
        var seen = StoreWaits.EpochAsync(store, 1);
        Assert.True((await other.CommitAsync(Failover(other.Current, "web", "dumps2"), CancellationToken.None)).Committed);
        Assert.Equal("dumps2", (await seen).HostOf("web"));
    }

    [Fact]
    public async Task StartAsync_EmptyEtcd_CurrentIsTheDefaults()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var store = Create(etcd.ClientUrl);
        await store.StartAsync(CancellationToken.None);
        await store.RefreshAsync(CancellationToken.None);

        Assert.Same(Defaults, store.Current);
        Assert.True(store.Reachable);
        Assert.Empty(await store.AuditAsync(10, CancellationToken.None));
        Assert.False(await store.AcceptAsync(Failover(Defaults, "web", "dumps2"), CancellationToken.None));
        Assert.Same(Defaults, store.Current);
    }

    [Fact]
    public async Task StartAsync_FirstEndpointDown_UsesTheNextAndStaysReachable()
    {
        await using var etcd = await EtcdServer.StartAsync();
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var log = new CapturingLogger<EtcdAssignmentStore>();
        await using var store = new EtcdAssignmentStore(Defaults, Options(nowhere, etcd.ClientUrl), TimeProvider.System, log);
        await using var other = Create(etcd.ClientUrl);
        await store.StartAsync(CancellationToken.None);
        await other.StartAsync(CancellationToken.None);

        Assert.True(store.Reachable);
        var seen = StoreWaits.EpochAsync(store, 1);
        Assert.True((await other.CommitAsync(Failover(other.Current, "web", "dumps2"), CancellationToken.None)).Committed);
        await seen;
        var result = await store.CommitAsync(Failover(store.Current, "rsync", "dumps2"), CancellationToken.None);
        Assert.True(result.Committed, result.Message);
        Assert.Equal(0, log.Count(6301));
    }

    [Fact]
    public async Task CommitAsync_EpochNotNext_FailsWithoutWriting()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var store = Create(etcd.ClientUrl);
        await store.StartAsync(CancellationToken.None);
        var skipping = Failover(Defaults with { Epoch = 1 }, "web", "dumps2");

        var result = await store.CommitAsync(skipping, CancellationToken.None);

        Assert.False(result.Committed);
        Assert.Equal("epoch 2 is not the next one: this node holds epoch 0; re-read and retry", result.Message);
        Assert.Empty(await store.AuditAsync(10, CancellationToken.None));
        Assert.Same(Defaults, store.Current);
    }

    [Fact]
    public async Task RefreshAsync_SetWrittenWithEtcdctl_IsTakenAndNextCommitReplacesIt()
    {
        await using var etcd = await EtcdServer.StartAsync();
        await using var store = Create(etcd.ClientUrl);
        await store.StartAsync(CancellationToken.None);
        var seen = StoreWaits.EpochAsync(store, 7);

        var put = await ExternalProgram.RunAsync(
            "etcdctl",
            ["--endpoints", etcd.ClientUrl.ToString(), "put", "/dumpdist/assignments", """{"epoch":7,"services":{"web":"dumps3"},"draining":["dumps1"]}"""],
            environment: new Dictionary<string, string> { ["ETCDCTL_API"] = "3" });
        Assert.True(put.ExitCode == 0, put.StandardError);

        var set = await seen;
        Assert.Equal("dumps3", set.HostOf("web"));
        Assert.True(set.IsDraining("dumps1"));
        var next = await store.CommitAsync(Failover(store.Current, "web", "dumps2"), CancellationToken.None);
        Assert.True(next.Committed, next.Message);

        var get = await ExternalProgram.RunAsync(
            "etcdctl",
            ["--endpoints", etcd.ClientUrl.ToString(), "get", "--prefix", "--keys-only", "/dumpdist/"],
            environment: new Dictionary<string, string> { ["ETCDCTL_API"] = "3" });
        Assert.Equal(["/dumpdist/assignments", "/dumpdist/audit/00000000000000000008"], get.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
