using System.Net;
using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Rules;

/// <summary>
/// Every host runs every configured service, so no two of web <c>listen</c>, web <c>https_listen</c>, rsync, NFS and a
/// host's admin API may use the same TCP port. The two NFS services may share one: a single NFS server exports to both
/// client groups. Hosts are taken to be on different machines, except that two hosts on one address (the same
/// <c>listen_address</c>, or the same <c>admin_address</c>) would bind the same sockets; distinct <c>listen_address</c>es
/// let several hosts share a machine and its ports. (An admin API on another host's <c>listen_address</c> needs no rule of
/// its own: service ports are the same on every host, so its port already clashes with its own host's services.)
/// </summary>
internal static class PortCollisionRule
{
    public static void Check(NodeReader reader, ServicesConfig services, IReadOnlyList<(HostConfig Host, string Path)> hosts)
    {
        var shared = ServicePorts(services);

        // Report at the later position, so the error points at the line that introduced the clash.
        var ordered = shared.OrderBy(s => Line(reader, s.Path)).ThenBy(s => reader.Positions.Of(s.Path).Column).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var clash = ordered.Take(i).FirstOrDefault(e => e.Port == ordered[i].Port && e.Group != ordered[i].Group);
            if (clash.Path is not null)
            {
                Report(reader, ordered[i].Path, ordered[i].Port, clash.Path, "each host runs every service");
            }
        }

        foreach (var (host, hostPath) in hosts)
        {
            var clash = shared.FirstOrDefault(s => s.Port == host.AdminAddress.Port);
            if (host.AdminAddress.Port > 0 && clash.Path is not null)
            {
                Report(reader, $"{hostPath}.admin_address", host.AdminAddress.Port, clash.Path, $"host '{host.Name}' runs every service");
            }
        }

        CheckSharedAddresses(reader, hosts);
    }

    private static void CheckSharedAddresses(NodeReader reader, IReadOnlyList<(HostConfig Host, string Path)> hosts)
    {
        for (var j = 0; j < hosts.Count; j++)
        {
            var (later, laterPath) = hosts[j];
            for (var i = 0; i < j; i++)
            {
                var (earlier, earlierPath) = hosts[i];
                if (later.ListenAddress is { } address && address.Equals(earlier.ListenAddress))
                {
                    var at = $"{laterPath}.listen_address";
                    reader.Error(
                        reader.Positions.Of(at),
                        at,
                        $"{address} is also the listen_address of host '{earlier.Name}' (line {Line(reader, $"{earlierPath}.listen_address")}); two hosts on one address would bind the same ports");
                }

                if (later.AdminAddress.Port > 0 && SameAddress(later.AdminAddress, earlier.AdminAddress))
                {
                    var at = $"{laterPath}.admin_address";
                    reader.Error(
                        reader.Positions.Of(at),
                        at,
                        $"{later.AdminAddress} is also the admin_address of host '{earlier.Name}' (line {Line(reader, $"{earlierPath}.admin_address")}); each host needs its own admin API");
                }
            }
        }
    }

    private static List<(int Port, string Path, string Group)> ServicePorts(ServicesConfig services)
    {
        var shared = new List<(int Port, string Path, string Group)>();
        if (services.Web is { } web)
        {
            shared.Add((web.Listen.Port, "services.web.listen", "web"));
            if (web.HttpsListen is { } https)
            {
                shared.Add((https.Port, "services.web.https_listen", "web-https"));
            }
        }

        if (services.Rsync is { } rsync)
        {
            shared.Add((rsync.Port, "services.rsync.port", "rsync"));
        }

        if (services.NfsVps is { } vps)
        {
            shared.Add((vps.Port, "services.nfs-vps.port", "nfs"));
        }

        if (services.NfsAnalytics is { } analytics)
        {
            shared.Add((analytics.Port, "services.nfs-analytics.port", "nfs"));
        }

        return shared;
    }

    private static bool SameAddress(HostPort a, HostPort b) =>
        a.Port == b.Port
        && (IPAddress.TryParse(a.Host, out var ipA) && IPAddress.TryParse(b.Host, out var ipB)
            ? ipA.Equals(ipB)
            : string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase));

    private static void Report(NodeReader reader, string path, int port, string other, string why) =>
        reader.Error(reader.Positions.Of(path), path, $"port {port} is already used by {other} (line {Line(reader, other)}); {why}");

    private static long Line(NodeReader reader, string path) => reader.Positions.Of(path).Line;
}
