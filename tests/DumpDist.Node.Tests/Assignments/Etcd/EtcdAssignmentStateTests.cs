using DumpDist.Core.Cluster;
using DumpDist.Node.Assignments.Etcd;
using static DumpDist.Node.Tests.Assignments.Etcd.EtcdStoreFactory;

namespace DumpDist.Node.Tests.Assignments.Etcd;

public sealed class EtcdAssignmentStateTests
{
    [Fact]
    public void Apply_OlderObservationAfterNewer_KeepsTheNewerKeyRevision()
    {
        var state = NewState();
        state.Apply(Defaults with { Epoch = 2 }, keyModRevision: 20, observedAt: 20, "commit");

        // The watch delivers epoch 1's event after the node's own commit of epoch 2 already landed.
        state.Apply(Defaults with { Epoch = 1 }, keyModRevision: 10, observedAt: 10, "watch");

        Assert.Equal(new EtcdStoredState(state.Current, 20, 20), state.Stored);
        Assert.Equal(2, state.Current.Epoch);
    }

    [Fact]
    public void Apply_StaleOrMissingKey_KeepsTheEpochButComparesAgainstTheNewKey()
    {
        var state = NewState();
        var two = Defaults with { Epoch = 2 };
        state.Apply(two, keyModRevision: 20, observedAt: 20, "commit");

        state.Apply(Defaults with { Epoch = 1 }, keyModRevision: 30, observedAt: 30, "watch");
        Assert.Same(two, state.Current);
        Assert.Equal(30, state.Stored.KeyModRevision);

        state.Apply(null, keyModRevision: 0, observedAt: 40, "watch");
        Assert.Same(two, state.Current);
        Assert.Equal(0, state.Stored.KeyModRevision);
    }

    [Fact]
    public void Apply_HandlerThrows_LaterHandlersStillSeeEveryEpochInOrder()
    {
        var state = NewState();
        var seen = new List<long>();
        state.Changed += _ => throw new InvalidOperationException("a broken listener");
        state.Changed += set => seen.Add(set.Epoch);

        state.Apply(Defaults with { Epoch = 1 }, 10, 10, "watch");
        state.Apply(Defaults with { Epoch = 1 }, 10, 10, "read");
        state.Apply(Defaults with { Epoch = 3 }, 30, 30, "watch");

        Assert.Equal([1L, 3L], seen);
        Assert.Equal(3, state.Current.Epoch);
    }

    [Fact]
    public void SetReachable_RepeatedFailures_RaisesOncePerTransition()
    {
        var state = NewState();
        var changes = new List<bool>();
        state.ReachableChanged += changes.Add;
        Assert.True(state.Reachable);

        state.SetReachable(false, "down");
        state.SetReachable(false, "still down");
        state.SetReachable(true, "back");
        state.SetReachable(true, "still back");

        Assert.Equal([false, true], changes);
        Assert.True(state.Reachable);
    }

    [Fact]
    public void ReplaceDefaults_NoEpochTakenYet_TakesTheNewDefaultsOnce()
    {
        var state = NewState();
        var seen = new List<AssignmentSet>();
        state.Changed += seen.Add;
        var moved = Defaults with { Services = new Dictionary<string, string>(Defaults.Services) { ["web"] = "dumps2" } };

        state.ReplaceDefaults(moved);
        state.ReplaceDefaults(moved with { });

        Assert.Same(moved, state.Current);
        Assert.Equal([moved], seen);
    }

    [Fact]
    public void ReplaceDefaults_AfterAnEpochWasTaken_KeepsTheEpoch()
    {
        var state = NewState();
        var one = Defaults with { Epoch = 1 };
        state.Apply(one, 10, 10, "watch");

        state.ReplaceDefaults(Defaults with { Services = new Dictionary<string, string> { ["web"] = "dumps3" } });

        Assert.Same(one, state.Current);
    }

    private static EtcdAssignmentState NewState() =>
        new(Defaults, "/dumpdist/assignments", TimeSpan.FromSeconds(30), new CapturingLogger<EtcdAssignmentStore>());
}
