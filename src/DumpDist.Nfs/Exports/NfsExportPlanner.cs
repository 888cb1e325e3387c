using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Rules;

namespace DumpDist.Nfs.Exports;

/// <summary>
/// Maps the cluster config to what one host exports. Every host exports (clients mount both
/// servers; <c>active</c> only decides which one their symlinks point at). The export is the
/// host's public dumps directory, <c>&lt;root&gt;/public</c>, so clients see
/// <c>/&lt;wiki&gt;/&lt;date&gt;/...</c> at the NFSv4 pseudo root, as in production.
/// An NFS service the cluster file leaves out exports to nobody; with neither configured the host
/// has no NFS exports (<see cref="NfsExportPlan.NothingToExport"/>). The NFS rules (no export to
/// everyone, one port for both services) are the loader's, so `config check` reports them with
/// their positions; the planner checks them again, unpositioned, because a config built in code
/// never went through the loader and an export to everyone must never be rendered.
/// </summary>
public static class NfsExportPlanner
{
    /// <summary>The export of <paramref name="hostName"/>, nothing when no NFS service is configured, or why it cannot be planned.</summary>
    public static NfsExportPlan Plan(ClusterConfig config, string hostName)
    {
        var host = config.FindHost(hostName);
        if (host is null)
        {
            return new NfsExportPlan(null, [$"--host {hostName}: no such host in hosts (known: {string.Join(", ", config.Hosts.Select(h => h.Name))})"]);
        }

        var services = new[] { ("nfs-vps", config.Services.NfsVps), ("nfs-analytics", config.Services.NfsAnalytics) }
            .Where(s => s.Item2 is not null)
            .Select(s => (Name: s.Item1, Config: s.Item2!))
            .ToList();
        if (services.Count == 0)
        {
            return NfsExportPlan.None;
        }

        var errors = new List<string>();
        foreach (var (name, service) in services)
        {
            for (var i = 0; i < service.Clients.Count; i++)
            {
                if (NfsClientValidator.Validate(service.Clients[i].Text) is { } problem)
                {
                    errors.Add($"services.{name}.clients[{i}]: {problem}");
                }
            }
        }

        if (services.Count == 2 && services[0].Config.Port != services[1].Config.Port)
        {
            errors.Add($"services.nfs-analytics.port: {services[1].Config.Port} differs from services.nfs-vps.port {services[0].Config.Port}; one NFS server per host serves both on one port");
        }

        if (errors.Count > 0)
        {
            return new NfsExportPlan(null, errors);
        }

        var clients = services.SelectMany(s => Rules(s.Name, s.Config)).ToList();
        var exports = new NfsExportSet(host.Name, Path.Combine(host.Root, DumpDist.Core.Tree.DumpTree.PublicDirectoryName), services[0].Config.Port, clients);
        return new NfsExportPlan(exports, []);
    }

    private static IEnumerable<NfsClientRule> Rules(string service, NfsServiceConfig config) =>
        config.Clients.Select(c => new NfsClientRule(service, c.Text));
}
