using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Rules;

/// <summary>
/// Every host runs every service, so no two of web <c>listen</c>, web <c>https_listen</c>, rsync, NFS and a host's admin
/// API may use the same TCP port. The two NFS services may share one: a single NFS server exports to both client groups.
/// </summary>
internal static class PortCollisionRule
{
    public static void Check(NodeReader reader, ServicesConfig services, IReadOnlyList<(HostConfig Host, string Path)> hosts)
    {
        var shared = new List<(int Port, string Path, string Group)>
        {
            (services.Web.Listen.Port, "services.web.listen", "web"),
            (services.Rsync.Port, "services.rsync.port", "rsync"),
            (services.NfsVps.Port, "services.nfs-vps.port", "nfs"),
            (services.NfsAnalytics.Port, "services.nfs-analytics.port", "nfs"),
        };
        if (services.Web.HttpsListen is { } https)
        {
            shared.Insert(1, (https.Port, "services.web.https_listen", "web-https"));
        }

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
    }

    private static void Report(NodeReader reader, string path, int port, string other, string why) =>
        reader.Error(reader.Positions.Of(path), path, $"port {port} is already used by {other} (line {Line(reader, other)}); {why}");

    private static long Line(NodeReader reader, string path) => reader.Positions.Of(path).Line;
}
