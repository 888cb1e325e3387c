using System.Net;
using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds <c>hosts</c> (required, at least one).</summary>
internal static class HostsBinder
{
    public static readonly string[] Keys = ["name", "public_address", "listen_address", "admin_address", "root", "state_dir"];

    public static IReadOnlyList<(HostConfig Host, string Path)> Bind(MappingReader root)
    {
        var items = root.Sequence("hosts", required: true);
        if (items is null)
        {
            return [];
        }

        if (items.Count == 0)
        {
            root.Reader.Error(root.Reader.Positions.Of("hosts"), "hosts", "at least one host is required");
        }

        var hosts = new List<(HostConfig Host, string Path)>();
        foreach (var (node, path) in items)
        {
            var map = root.Reader.Mapping(node, path, Keys);
            if (map is null)
            {
                continue;
            }

            hosts.Add((new HostConfig
            {
                Name = map.ParseObject<string>("name", Scalars.Name, required: true) ?? string.Empty,
                PublicAddress = map.ParseObject<IPAddress>("public_address", Scalars.Address, required: true) ?? IPAddress.None,
                ListenAddress = map.ParseObject<IPAddress>("listen_address", Scalars.Address),
                AdminAddress = map.ParseObject<HostPort>("admin_address", Scalars.HostAndPort, required: true) ?? new HostPort(string.Empty, 0),
                Root = map.ParseObject<string>("root", Scalars.AbsolutePath, required: true) ?? string.Empty,
                StateDir = map.ParseObject<string>("state_dir", Scalars.AbsolutePath) ?? "/var/lib/dumpdist",
            }, path));
        }

        UniqueNames.Check(root.Reader, hosts.Select(h => (h.Host.Name, $"{h.Path}.name")), "host name");
        UniqueNames.Check(
            root.Reader,
            hosts.Where(h => !h.Host.PublicAddress.Equals(IPAddress.None)).Select(h => (h.Host.PublicAddress.ToString(), $"{h.Path}.public_address")),
            "public_address");
        return hosts;
    }
}
