using DumpDist.Core.Cluster;
using DumpDist.Node.Health;
using Prometheus;

namespace DumpDist.Node.Admin;

/// <summary>
/// The node's Prometheus registry (sync, NFS and node metrics register in it) plus the web's own,
/// exported together on the admin API's <c>/metrics</c>. Node gauges are computed at scrape time;
/// <see cref="AssignmentMetrics"/> follows the assignment changes as they come.
/// </summary>
internal sealed class NodeMetrics
{
    private readonly CollectorRegistry _registry;
    private readonly List<CollectorRegistry> _more = [];
    private readonly Counter _changes;

    public NodeMetrics(CollectorRegistry registry, Func<NodeHealth> health, IAssignmentStore store, AssignmentMetrics assignments)
    {
        _registry = registry;
        Assignments = assignments;
        var factory = Metrics.WithCustomRegistry(registry);
        var epoch = factory.CreateGauge("dumpdist_node_assignment_epoch", "Epoch of the assignments this node holds.");
        var reachable = factory.CreateGauge("dumpdist_node_assignment_store_reachable", "1 while the assignment store (peers or etcd) answers, 0 while the node runs on its last known assignments.");
        var draining = factory.CreateGauge("dumpdist_node_draining", "1 while this node is draining.");
        var healthy = factory.CreateGauge("dumpdist_node_service_healthy", "1 where /healthz/<service> answers 200 on this node.", "service");
        var working = factory.CreateGauge("dumpdist_node_service_working", "1 when the service works on this node (active or not).", "service");
        var active = factory.CreateGauge("dumpdist_node_service_active", "1 where this node is the host the service's clients are assigned to.", "service");
        _changes = factory.CreateCounter("dumpdist_node_assignment_changes_total", "Assignment changes this node took (failover, drain, undrain).");
        store.Changed += _ => _changes.Inc();
        registry.AddBeforeCollectCallback(() =>
        {
            var h = health();
            var set = store.Current;
            epoch.Set(set.Epoch);
            reachable.Set(store.Reachable ? 1 : 0);
            draining.Set(set.IsDraining(h.HostName) ? 1 : 0);
            foreach (var service in h.Services())
            {
                healthy.WithLabels(service.Name).Set(service.Healthy ? 1 : 0);
                working.WithLabels(service.Name).Set(service.Working ? 1 : 0);
                active.WithLabels(service.Name).Set(service.Active == h.HostName ? 1 : 0);
            }
        });
    }

    /// <summary>The failover and drain metrics, created with the node's.</summary>
    public AssignmentMetrics Assignments { get; }

    /// <summary>Adds a registry of a part that keeps its own (the web).</summary>
    public void Include(CollectorRegistry registry) => _more.Add(registry);

    public async Task ExportAsync(Stream output, CancellationToken cancellationToken)
    {
        await _registry.CollectAndExportAsTextAsync(output, cancellationToken);
        foreach (var registry in _more)
        {
            await registry.CollectAndExportAsTextAsync(output, cancellationToken);
        }
    }
}
