using DumpDist.Core.Cluster;
using DumpDist.Node.Assignments.Etcd;

namespace DumpDist.Node.Tests.Assignments.Etcd;

/// <summary>Builds stores ("nodes") on one etcd with the cluster file's defaults, and the changes a failover makes.</summary>
internal static class EtcdStoreFactory
{
    public static AssignmentSet Defaults { get; } = new()
    {
        Epoch = 0,
        Services = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["web"] = "dumps1",
            ["rsync"] = "dumps1",
            ["nfs-vps"] = "dumps1",
            ["nfs-analytics"] = "dumps1",
        },
    };

    public static EtcdStoreOptions Options(params Uri[] endpoints) => new()
    {
        Endpoints = endpoints,
        Prefix = "/dumpdist/",
        Timeout = TimeSpan.FromSeconds(5),
    };

    public static EtcdAssignmentStore Create(Uri endpoint, TimeProvider? time = null, CapturingLogger<EtcdAssignmentStore>? logger = null) =>
        new(Defaults, Options(endpoint), time ?? TimeProvider.System, logger ?? new CapturingLogger<EtcdAssignmentStore>());

    /// <summary>The next epoch after <paramref name="current"/> with <paramref name="service"/> moved to <paramref name="to"/>.</summary>
    public static AssignmentChange Failover(AssignmentSet current, string service, string to, string token = "ops")
    {
        var epoch = current.Epoch + 1;
        var services = new Dictionary<string, string>(current.Services, StringComparer.Ordinal) { [service] = to };
        var now = DateTimeOffset.UtcNow;
        return new AssignmentChange
        {
            Assignments = current with { Epoch = epoch, Services = services, Updated = now },
            Audit = new AuditRecord
            {
                Epoch = epoch,
                Time = now,
                Token = token,
                Action = "failover",
                Service = service,
                From = current.HostOf(service),
                To = to,
                Reason = $"test {epoch}",
            },
        };
    }
}
