using System.Net;
using DumpDist.Core.Configuration;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>Cluster configs built in code (the loader is tested by the config helper's tests).</summary>
internal static class ClusterSamples
{
    public static ClusterConfig Two(
        string[] vpsClients,
        string[] analyticsClients,
        int vpsPort = 2049,
        int analyticsPort = 2049,
        string active = "dumps1",
        (string Address, int AdminPort)[]? hosts = null,
        string? rootOfDumps1 = null)
    {
        hosts ??= [("127.0.0.1", 9100), ("127.0.0.1", 9101)];
        return new ClusterConfig
        {
            Source = new SourceConfig { Url = "rsync://gen.example.org/dumps/" },
            Datasets = [],
            Hosts = hosts.Select((h, i) => new HostConfig
            {
                Name = $"dumps{i + 1}",
                PublicAddress = IPAddress.Parse(h.Address),
                AdminAddress = new HostPort("127.0.0.1", h.AdminPort),
                Root = i == 0 && rootOfDumps1 is not null ? rootOfDumps1 : $"/srv/dumps{i + 1}",
            }).ToList(),
            Services = new ServicesConfig
            {
                Web = new WebServiceConfig { Active = "dumps1" },
                Rsync = new RsyncServiceConfig { Active = "dumps1" },
                NfsVps = new NfsServiceConfig { Active = active, Service = ServiceKind.NfsVps, Port = vpsPort, Clients = vpsClients.Select(Client).ToList() },
                NfsAnalytics = new NfsServiceConfig { Active = active, Service = ServiceKind.NfsAnalytics, Port = analyticsPort, Clients = analyticsClients.Select(Client).ToList() },
            },
        };
    }

    private static NfsClient Client(string text) =>
        new(text, text.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(text, out var network) ? network : null);
}
