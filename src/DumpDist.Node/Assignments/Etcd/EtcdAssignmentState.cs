using DumpDist.Core.Cluster;
using Microsoft.Extensions.Logging;
using Mvccpb;

namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// What one node knows of etcd: the newest set (which never goes back), what the assignments key
/// held when last observed (what a commit compares against), and whether etcd answered. Reads,
/// commits and the watch all report here; <see cref="Changed"/> and <see cref="ReachableChanged"/>
/// are raised from here, and each reachability transition is logged once.
/// </summary>
internal sealed class EtcdAssignmentState
{
    private readonly string _key;
    private readonly TimeSpan _retryMax;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private EtcdStoredState _stored;
    private int _reachability = (int)Reachability.Unknown;

    public EtcdAssignmentState(AssignmentSet defaults, string key, TimeSpan retryMax, ILogger logger)
    {
        _stored = new EtcdStoredState(defaults, KeyModRevision: 0, ObservedAt: 0);
        _key = key;
        _retryMax = retryMax;
        _logger = logger;
    }

    private enum Reachability
    {
        Unknown,
        Reachable,
        Unreachable,
    }

    public event Action<AssignmentSet>? Changed;

    public event Action<bool>? ReachableChanged;

    public EtcdStoredState Stored => Volatile.Read(ref _stored);

    public AssignmentSet Current => Stored.Set;

    /// <summary>False only once an attempt failed; true before the first attempt and after any answer.</summary>
    public bool Reachable => Volatile.Read(ref _reachability) != (int)Reachability.Unreachable;

    /// <summary>Takes an observation of the assignments key (null: absent) at etcd revision <paramref name="observedAt"/>; returns the set it held.</summary>
    public AssignmentSet? Observe(KeyValue? kv, long observedAt, string source)
    {
        if (kv is null)
        {
            Apply(null, keyModRevision: 0, observedAt, source);
            return null;
        }

        var set = EtcdCodec.DecodeSet(kv.Value, out var error);
        if (set is null)
        {
            EtcdStoreLog.BadValue(_logger, kv.Key.ToStringUtf8(), kv.ModRevision, error);
        }

        Apply(set, kv.ModRevision, observedAt, source);
        return set;
    }

    /// <summary>
    /// Records what the key held at <paramref name="observedAt"/> (an older observation never
    /// overwrites a newer one) and takes <paramref name="set"/> if its epoch is newer than
    /// <see cref="Current"/>. A stale or missing key keeps the set: the next commit rewrites it.
    /// </summary>
    public void Apply(AssignmentSet? set, long keyModRevision, long observedAt, string source)
    {
        lock (_gate)
        {
            var stored = _stored;
            var keyNewer = observedAt >= stored.ObservedAt;
            var setNewer = set is not null && set.Epoch > stored.Set.Epoch;
            if (!keyNewer && !setNewer)
            {
                return;
            }

            var keyChanged = keyNewer && keyModRevision != stored.KeyModRevision;
            Volatile.Write(ref _stored, new EtcdStoredState(
                setNewer ? set! : stored.Set,
                keyNewer ? keyModRevision : stored.KeyModRevision,
                Math.Max(observedAt, stored.ObservedAt)));

            if (setNewer)
            {
                EtcdStoreLog.Updated(_logger, set!.Epoch, source, stored.Set.Epoch);

                // Raised under the gate so that handlers see epochs in order.
                RaiseChanged(set);
            }
            else if (keyChanged && set is null && keyModRevision == 0 && stored.Set.Epoch > 0)
            {
                EtcdStoreLog.KeyMissing(_logger, _key, stored.Set.Epoch);
            }
            else if (keyChanged && set is not null && set.Epoch < stored.Set.Epoch)
            {
                EtcdStoreLog.StaleValue(_logger, set.Epoch, stored.Set.Epoch);
            }
        }
    }

    /// <summary>Takes <paramref name="defaults"/> (epoch 0) if no epoch was ever taken and they differ; raises <see cref="Changed"/> then.</summary>
    public void ReplaceDefaults(AssignmentSet defaults)
    {
        lock (_gate)
        {
            var stored = _stored;
            if (stored.Set.Epoch != 0 || defaults.Epoch != 0 || SameAssignments(stored.Set, defaults))
            {
                return;
            }

            Volatile.Write(ref _stored, stored with { Set = defaults });
            RaiseChanged(defaults);
        }
    }

    /// <summary>Records whether etcd answered; logs and raises <see cref="ReachableChanged"/> only on a change.</summary>
    public void SetReachable(bool reachable, string detail)
    {
        var next = (int)(reachable ? Reachability.Reachable : Reachability.Unreachable);
        if (Interlocked.Exchange(ref _reachability, next) == next)
        {
            return;
        }

        if (reachable)
        {
            EtcdStoreLog.Reachable(_logger, detail, Current.Epoch);
        }
        else
        {
            EtcdStoreLog.Unreachable(_logger, detail, Current.Epoch, _retryMax);
        }

        ReachableChanged?.Invoke(reachable);
    }

    private static bool SameAssignments(AssignmentSet a, AssignmentSet b) =>
        a.Services.Count == b.Services.Count
        && a.Services.All(pair => b.HostOf(pair.Key) == pair.Value)
        && a.Draining.Order(StringComparer.Ordinal).SequenceEqual(b.Draining.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private void RaiseChanged(AssignmentSet set)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<AssignmentSet>>())
        {
            try
            {
                handler(set);
            }
            catch (Exception ex)
            {
                EtcdStoreLog.ChangedHandlerFailed(_logger, set.Epoch, ex);
            }
        }
    }
}
