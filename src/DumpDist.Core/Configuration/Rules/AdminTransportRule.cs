using System.Net;
using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Rules;

/// <summary>
/// Warns when an admin API is reachable from other machines without TLS: the CLI and the peers would send the bearer
/// token in clear text. A loopback <c>admin_address</c> (one machine, e.g. the demo) is fine without a certificate.
/// </summary>
internal static class AdminTransportRule
{
    public static void Check(NodeReader reader, AdminConfig admin, IReadOnlyList<(HostConfig Host, string Path)> hosts)
    {
        if (admin.UsesTls)
        {
            return;
        }

        foreach (var (host, path) in hosts)
        {
            if (host.AdminAddress.Host.Length == 0 || IsLoopback(host.AdminAddress.Host))
            {
                continue;
            }

            var at = $"{path}.admin_address";
            reader.Warning(
                reader.Positions.Of(at),
                at,
                $"{host.AdminAddress.Host} is not a loopback address and admin.certificate is not set: bearer token sent in clear text across hosts");
        }
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
