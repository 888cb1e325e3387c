using DumpDist.Core.Cluster;
using DumpDist.Node.Admin;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace DumpDist.Node.Tests.Admin;

public sealed class AssignmentMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Changed_FailoverAndDrain_CountsEachMovedServiceOnce()
    {
        var (registry, store) = Create(Set(0, web: "a", rsync: "b"));
        Assert.Contains("dumpdist_node_service_moves_total{service=\"web\"} 0", await ExportAsync(registry), StringComparison.Ordinal);

        store.Take(Set(1, web: "b", rsync: "b"));
        store.Take(Set(2, web: "b", rsync: "b", draining: ["a"]));
        store.Take(Set(3, web: "a", rsync: "a", draining: ["b"]));

        var text = await ExportAsync(registry);
        Assert.Contains("dumpdist_node_service_moves_total{service=\"web\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("dumpdist_node_service_moves_total{service=\"rsync\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrainingSince_DrainThenOtherChanges_KeepsTheTimeTheDrainStarted()
    {
        var (registry, store) = Create(Set(0, web: "a", rsync: "a"));
        Assert.Contains("dumpdist_node_draining_since_timestamp_seconds 0", await ExportAsync(registry), StringComparison.Ordinal);

        store.Take(Set(1, web: "b", rsync: "b", draining: ["a"]) with { Updated = Start.AddMinutes(5) });
        store.Take(Set(2, web: "b", rsync: "b", draining: ["a"]) with { Updated = Start.AddHours(3) });
        Assert.Contains($"dumpdist_node_draining_since_timestamp_seconds {Start.AddMinutes(5).ToUnixTimeSeconds()}", await ExportAsync(registry), StringComparison.Ordinal);

        store.Take(Set(3, web: "b", rsync: "b"));
        Assert.Contains("dumpdist_node_draining_since_timestamp_seconds 0", await ExportAsync(registry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrainingSince_AlreadyDrainingAtStartWithoutTime_UsesTheClock()
    {
        var (registry, _) = Create(Set(4, web: "b", rsync: "b", draining: ["a"]) with { Updated = null });

        Assert.Contains($"dumpdist_node_draining_since_timestamp_seconds {Start.ToUnixTimeSeconds()}", await ExportAsync(registry), StringComparison.Ordinal);
    }

    private static (CollectorRegistry Registry, FakeStore Store) Create(AssignmentSet initial)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var store = new FakeStore(initial);
        _ = new AssignmentMetrics(registry, store, "a", new FakeTimeProvider(Start));
        return (registry, store);
    }

    private static AssignmentSet Set(long epoch, string web, string rsync, string[]? draining = null) => new()
    {
        Epoch = epoch,
        Services = new Dictionary<string, string>(StringComparer.Ordinal) { ["web"] = web, ["rsync"] = rsync },
        Draining = draining ?? [],
        Updated = Start.AddMinutes(epoch),
    };

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class FakeStore(AssignmentSet initial) : IAssignmentStore
    {
        public event Action<AssignmentSet>? Changed;

        public AssignmentSet Current { get; private set; } = initial;

        public bool Reachable => true;

        public void Take(AssignmentSet set)
        {
            Current = set;
            Changed?.Invoke(set);
        }

        public Task<CommitResult> CommitAsync(AssignmentChange change, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> AcceptAsync(AssignmentChange change, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AuditRecord>> AuditAsync(int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void UpdateDefaults(AssignmentSet defaults) => throw new NotSupportedException();

        public Task RefreshAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
