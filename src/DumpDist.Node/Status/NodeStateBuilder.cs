using DumpDist.Core;
using DumpDist.Core.Cluster;
using DumpDist.Node.Health;

namespace DumpDist.Node.Status;

/// <summary>Builds this node's <see cref="NodeState"/> (<c>GET /api/v1/state</c>).</summary>
internal sealed class NodeStateBuilder(NodeHealth health, IAssignmentStore store, DatasetStatusReader datasets, TimeProvider time)
{
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public NodeState Build()
    {
        var assignments = store.Current;
        return new NodeState
        {
            Host = health.HostName,
            Version = CoreAssembly.Version,
            Started = _started,
            Now = time.GetUtcNow(),
            Draining = assignments.IsDraining(health.HostName),
            Assignments = assignments,
            StoreReachable = store.Reachable,
            Services = health.Services(),
            Datasets = datasets.Read(),
        };
    }
}
