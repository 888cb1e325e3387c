using DumpDist.Core.Configuration;

namespace DumpDist.Nfs.Exports;

/// <summary>
/// Maps the cluster config to what one host exports. Every host exports (clients mount both
/// servers; <c>active</c> only decides which one their symlinks point at). The export is the
/// host's public dumps directory, <c>&lt;root&gt;/public</c>, so clients see
/// <c>/&lt;wiki&gt;/&lt;date&gt;/...</c> at the NFSv4 pseudo root, as in production.
/// </summary>
public static class NfsExportPlanner
{
    /// <summary>The export of <paramref name="hostName"/>, or the config errors that prevent it.</summary>
    public static NfsExportPlan Plan(ClusterConfig config, string hostName)
    {
        var errors = new List<string>(Check(config));
        var host = config.FindHost(hostName);
        if (host is null)
        {
            errors.Add($"--host {hostName}: no such host in hosts (known: {string.Join(", ", config.Hosts.Select(h => h.Name))})");
        }

        if (errors.Count > 0 || host is null)
        {
            return new NfsExportPlan(null, errors);
        }

        var services = config.Services;
        var clients = Rules("nfs-vps", services.NfsVps).Concat(Rules("nfs-analytics", services.NfsAnalytics)).ToList();
        var exports = new NfsExportSet(host.Name, Path.Combine(host.Root, DumpDist.Core.Tree.DumpTree.PublicDirectoryName), services.NfsVps.Port, clients);
        return new NfsExportPlan(exports, []);
    }

    /// <summary>
    /// NFS rules beyond what the loader checks: no client entry may export to everyone or be
    /// malformed, and both NFS services must use the same port, since one NFS server per host
    /// (kernel or ganesha) listens on one port for both client groups.
    /// </summary>
    public static IReadOnlyList<string> Check(ClusterConfig config)
    {
        var errors = new List<string>();
        foreach (var (key, service) in new[] { ("nfs-vps", config.Services.NfsVps), ("nfs-analytics", config.Services.NfsAnalytics) })
        {
            for (var i = 0; i < service.Clients.Count; i++)
            {
                if (NfsClientValidator.Validate(service.Clients[i].Text) is { } problem)
                {
                    errors.Add($"services.{key}.clients[{i}]: {problem}");
                }
            }
        }

        if (config.Services.NfsVps.Port != config.Services.NfsAnalytics.Port)
        {
            errors.Add($"services.nfs-analytics.port: {config.Services.NfsAnalytics.Port} differs from services.nfs-vps.port {config.Services.NfsVps.Port}; one NFS server per host serves both on one port");
        }

        return errors;
    }

    private static IEnumerable<NfsClientRule> Rules(string service, NfsServiceConfig config) =>
        config.Clients.Select(c => new NfsClientRule(service, c.Text));
}
