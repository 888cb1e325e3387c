using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration;

namespace DumpDist.Node.Assignments;

/// <summary>Epoch 0: the active hosts the cluster file names.</summary>
internal static class AssignmentDefaults
{
    public static AssignmentSet From(ClusterConfig config) => new()
    {
        Epoch = 0,
        Services = ServiceKinds.All
            .Where(k => Configured(config, k) is not null)
            .ToDictionary(k => k.ToConfigName(), k => Configured(config, k)!.Active, StringComparer.Ordinal),
    };

    /// <summary>The host <paramref name="service"/>'s clients go to under <paramref name="set"/>, falling back to the cluster file.</summary>
    public static string? ActiveHost(AssignmentSet set, ClusterConfig config, ServiceKind service) =>
        set.HostOf(service.ToConfigName()) ?? Configured(config, service)?.Active;

    public static ServiceConfig? Configured(ClusterConfig config, ServiceKind kind) => config.Services.Get(kind);
}
