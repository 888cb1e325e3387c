using DumpDist.Core.Cluster;
using Prometheus;

namespace DumpDist.Node.Admin;

/// <summary>
/// Metrics the alert rules need about assignment changes: how often each service's clients
/// moved (a failover, or a drain that moved them), and since when this host drains.
/// </summary>
internal sealed class AssignmentMetrics
{
    private readonly Lock _gate = new();
    private readonly string _hostName;
    private readonly TimeProvider _time;
    private readonly Counter _moves;
    private readonly Gauge _drainingSince;
    private AssignmentSet _last;
    private DateTimeOffset? _since;

    public AssignmentMetrics(CollectorRegistry registry, IAssignmentStore store, string hostName, TimeProvider time)
    {
        _hostName = hostName;
        _time = time;
        var factory = Metrics.WithCustomRegistry(registry);
        _moves = factory.CreateCounter("dumpdist_node_service_moves_total", "Times a service's clients moved to another host (failover, or a drain that moved them), as this node learnt it.", "service");
        _drainingSince = factory.CreateGauge("dumpdist_node_draining_since_timestamp_seconds", "Unix time this host started draining (0 while it is not draining; after a node restart, the time of the newest assignment change at the latest).");
        _last = store.Current;
        _since = StartOfDrain(_last, previous: null);
        StartAtZero(_last.Services.Keys);
        store.Changed += Take;
        registry.AddBeforeCollectCallback(Publish);
    }

    private void Take(AssignmentSet set)
    {
        lock (_gate)
        {
            StartAtZero(set.Services.Keys);
            foreach (var (service, host) in set.Services)
            {
                if (_last.HostOf(service) is { } before && !string.Equals(before, host, StringComparison.Ordinal))
                {
                    _moves.WithLabels(service).Inc();
                }
            }

            _since = StartOfDrain(set, _last);
            _last = set;
        }
    }

    // Each service's series exists from 0, so the first move is an increase Prometheus can see.
    private void StartAtZero(IEnumerable<string> services)
    {
        foreach (var service in services)
        {
            _moves.WithLabels(service).IncTo(0);
        }
    }

    private DateTimeOffset? StartOfDrain(AssignmentSet set, AssignmentSet? previous)
    {
        if (!set.IsDraining(_hostName))
        {
            return null;
        }

        // Still draining: the drain started earlier and keeps its time.
        if (previous is not null && previous.IsDraining(_hostName) && _since is { } since)
        {
            return since;
        }

        return set.Updated ?? _time.GetUtcNow();
    }

    private void Publish()
    {
        lock (_gate)
        {
            _drainingSince.Set(_since is { } since ? since.ToUnixTimeMilliseconds() / 1000.0 : 0);
        }
    }
}
