using DumpDist.Core.Cluster;
using DumpDist.Node.Assignments.Etcd;

namespace DumpDist.Node.Tests.Assignments.Etcd;

/// <summary>Waits on the store's events (never by sleeping), with timeouts wide enough for a loaded machine.</summary>
internal static class StoreWaits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Completes when <paramref name="store"/> holds <paramref name="epoch"/> or newer. Subscribe before acting.</summary>
    public static Task<AssignmentSet> EpochAsync(EtcdAssignmentStore store, long epoch)
    {
        var reached = new TaskCompletionSource<AssignmentSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(AssignmentSet set)
        {
            if (set.Epoch >= epoch)
            {
                reached.TrySetResult(set);
            }
        }

        store.Changed += OnChanged;
        if (store.Current.Epoch >= epoch)
        {
            reached.TrySetResult(store.Current);
        }

        return Finish(reached.Task, () => store.Changed -= OnChanged, $"epoch {epoch} (store holds {store.Current.Epoch})", Timeout);
    }

    /// <summary>Completes when <see cref="EtcdAssignmentStore.Reachable"/> is <paramref name="reachable"/>.</summary>
    public static Task<bool> ReachableAsync(EtcdAssignmentStore store, bool reachable, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(bool now)
        {
            if (now == reachable)
            {
                reached.TrySetResult(now);
            }
        }

        store.ReachableChanged += OnChanged;
        if (store.Reachable == reachable)
        {
            reached.TrySetResult(reachable);
        }

        return Finish(reached.Task, () => store.ReachableChanged -= OnChanged, $"Reachable == {reachable}", timeout ?? Timeout);
    }

    private static async Task<T> Finish<T>(Task<T> task, Action unsubscribe, string what, TimeSpan timeout)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the store did not reach {what} within {timeout.TotalSeconds} s");
        }
        finally
        {
            unsubscribe();
        }
    }
}
