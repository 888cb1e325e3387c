using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace DumpDist.Node.Admin;

/// <summary>The HttpClient the CLI and peers call admin APIs with: TLS verified against the configured CA when there is one.</summary>
internal static class AdminHttp
{
    public static HttpClient Create(AdminSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = settings.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            UseProxy = false,
        };
        if (settings.CertificateAuthority is { } caPath)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caPath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                var nameOk = (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
                return nameOk && chain.Build(new X509Certificate2(certificate));
            };
        }

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>A client for each host's admin API, keyed by host name.</summary>
    public static IReadOnlyDictionary<string, AdminClient> Clients(Core.Configuration.ClusterConfig config, AdminSettings settings, HttpClient http, string? token) =>
        config.Hosts.ToDictionary(h => h.Name, h => new AdminClient(http, settings.BaseAddressOf(h), token, settings.Timeout), StringComparer.Ordinal);
}
