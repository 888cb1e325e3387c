using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration;
using DumpDist.Node.Admin;
using DumpDist.Node.Assignments;
using DumpDist.Node.Assignments.Etcd;
using DumpDist.Node.Assignments.Peers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Hosting;

/// <summary>Registers the assignment store the cluster file names (<c>assignments.store</c>): peers (default) or etcd.</summary>
internal static class AssignmentStoreRegistration
{
    public static IServiceCollection AddAssignmentStore(this IServiceCollection services, ClusterConfig config, HostConfig host, Func<IReadOnlyDictionary<string, AdminClient>> peers)
    {
        var defaults = AssignmentDefaults.From(config);
        if (config.Assignments.Store == AssignmentStoreKind.Etcd && config.Assignments.Etcd is { } etcd)
        {
            var options = new EtcdStoreOptions { Endpoints = etcd.Endpoints, Prefix = etcd.Prefix, Timeout = etcd.Timeout };
            services.AddSingleton(sp => new EtcdAssignmentStore(
                defaults, options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("DumpDist.Node.Assignments")));
            services.AddSingleton<IAssignmentStore>(sp => sp.GetRequiredService<EtcdAssignmentStore>());

            // Started before the admin API, so a restarted node never answers from the defaults.
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<EtcdAssignmentStore>());
            return services;
        }

        services.AddSingleton<IAssignmentStore>(sp => new PeersAssignmentStore(
            NodeDatabase.Open(host.StateDir), defaults, peers, sp.GetRequiredService<ILoggerFactory>().CreateLogger("DumpDist.Node.Assignments")));
        return services;
    }
}
