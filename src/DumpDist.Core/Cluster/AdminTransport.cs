using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DumpDist.Core.Configuration;

namespace DumpDist.Core.Cluster;

/// <summary>
/// How every caller of a node's admin API (the CLI, peers, the NFS client agent) reaches it: the
/// scheme the cluster file's <c>admin</c> section implies, and TLS verified against its <c>ca</c>.
/// </summary>
public static class AdminTransport
{
    /// <summary>The admin API's base URL of <paramref name="host"/>: https when <paramref name="admin"/> gives the listener a certificate.</summary>
    public static Uri BaseAddressOf(AdminConfig admin, HostConfig host) => BaseAddressOf(admin.UsesTls, host);

    /// <summary>The admin API's base URL of <paramref name="host"/>.</summary>
    public static Uri BaseAddressOf(bool tls, HostConfig host) => new($"{(tls ? "https" : "http")}://{host.AdminAddress}/");

    /// <summary>
    /// A handler that trusts only <paramref name="certificateAuthority"/> (a PEM file) for the
    /// server's certificate, with the name checked as usual; the system's roots when it is null.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(string? certificateAuthority, TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            UseProxy = false,
        };
        if (certificateAuthority is { } caPath)
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

        return handler;
    }
}
