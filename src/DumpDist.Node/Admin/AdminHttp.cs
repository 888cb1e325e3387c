using DumpDist.Core.Cluster;

namespace DumpDist.Node.Admin;

/// <summary>The HttpClient the CLI and peers call admin APIs with: TLS verified against the configured CA when there is one (<see cref="AdminTransport"/>).</summary>
internal static class AdminHttp
{
    public static HttpClient Create(AdminSettings settings) =>
        new(AdminTransport.CreateHandler(settings.CertificateAuthority, settings.Timeout)) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>A client for each host's admin API, keyed by host name.</summary>
    public static IReadOnlyDictionary<string, AdminClient> Clients(Core.Configuration.ClusterConfig config, AdminSettings settings, HttpClient http, string? token) =>
        config.Hosts.ToDictionary(h => h.Name, h => new AdminClient(http, settings.BaseAddressOf(h), token, settings.Timeout), StringComparer.Ordinal);
}
