using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Node.Assignments;

namespace DumpDist.Node.Health;

/// <summary>
/// The answer of <c>/healthz/&lt;service&gt;</c>: 200 on the host that should receive the
/// service's clients, 503 elsewhere, while draining, when the service does not work here, and
/// when this host's tree is older than an active peer's by more than one sync interval.
/// </summary>
internal sealed class NodeHealth(
    IClusterConfigSource config,
    string hostName,
    IAssignmentStore store,
    IEnumerable<IServiceProbe> probes,
    DatasetStatusReader datasets,
    PeerStateMonitor peers)
{
    private readonly Dictionary<ServiceKind, IServiceProbe> _probes = probes.ToDictionary(p => p.Service);

    public string HostName => hostName;

    /// <summary>The state of every configured service on this host.</summary>
    public IReadOnlyList<ServiceState> Services()
    {
        var current = config.Current;
        var assignments = store.Current;
        var draining = assignments.IsDraining(hostName);
        var stale = Staleness(datasets.Read());
        var states = new List<ServiceState>();
        foreach (var kind in ServiceKinds.All)
        {
            if (AssignmentDefaults.Configured(current, kind) is null)
            {
                continue;
            }

            var active = AssignmentDefaults.ActiveHost(assignments, current, kind) ?? string.Empty;
            var check = _probes.TryGetValue(kind, out var probe)
                ? probe.Check()
                : new ServiceCheck(false, $"{kind.ToConfigName()} is not run by this node yet");
            var isActive = string.Equals(active, hostName, StringComparison.Ordinal);
            var healthy = check.Working && isActive && !draining && stale is null;
            var detail = (check.Working, isActive, draining, stale) switch
            {
                (false, _, _, _) => check.Detail,
                (_, _, true, _) => "draining",
                (_, false, _, _) => $"standby ({active} is active); {check.Detail}",
                (_, _, _, not null) => stale,
                _ => $"active; {check.Detail}",
            };
            states.Add(new ServiceState { Name = kind.ToConfigName(), Active = active, Working = check.Working, Healthy = healthy, Detail = detail });
        }

        return states;
    }

    /// <summary>Why this host's tree is too old compared with a peer's, or null when it is not.</summary>
    internal string? Staleness(IReadOnlyList<DatasetState> mine)
    {
        foreach (var observation in peers.Last.Values)
        {
            if (observation.State is not { } peer)
            {
                continue;
            }

            foreach (var theirs in peer.Datasets)
            {
                var ours = mine.FirstOrDefault(d => d.Name == theirs.Name);
                if (ours is null || theirs.LastGoodStarted is not { } theirStart)
                {
                    continue;
                }

                var allowance = TimeSpan.FromSeconds(ours.IntervalSeconds ?? theirs.IntervalSeconds ?? 600);
                if (ours.LastGoodStarted is not { } ourStart || theirStart - ourStart > allowance)
                {
                    return $"tree of {theirs.Name} is older than {peer.Host}'s by more than one sync interval ({allowance.TotalSeconds:0} s)";
                }
            }
        }

        return null;
    }
}
