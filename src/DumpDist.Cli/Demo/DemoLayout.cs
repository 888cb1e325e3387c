using System.Net;

namespace DumpDist.Cli.Demo;

/// <summary>
/// Where everything of one demo lives: the two hosts' and the generation source's loopback
/// addresses, the ports (the same on every host, as in production), and the files under the state directory.
/// </summary>
internal sealed class DemoLayout
{
    /// <summary>Ports from <see cref="DemoOptions.Port"/> on: web, mirrors' rsync, NFS, admin API, generation source.</summary>
    public const int PortCount = 5;

    /// <summary>The names of the two serving hosts in the cluster file.</summary>
    public static readonly IReadOnlyList<string> Hosts = ["a", "b"];

    /// <summary>
    /// The host active for rsync, which mirrors pull from. Its own web stands in for the registry's one
    /// mirror, so its mirrors page shows a real check: fresh once it has synced.
    /// </summary>
    public const string MirrorsHost = "b";

    /// <summary>The rsync module the generation source serves.</summary>
    public const string SourceModule = "dumps";

    private readonly IPAddress _first;

    public DemoLayout(string directory, int port, IPAddress first)
    {
        Directory = directory;
        _first = first;
        WebPort = port;
        RsyncPort = port + 1;
        NfsPort = port + 2;
        AdminPort = port + 3;
        SourcePort = port + 4;
    }

    public string Directory { get; }

    public int WebPort { get; }

    public int RsyncPort { get; }

    public int NfsPort { get; }

    public int AdminPort { get; }

    public int SourcePort { get; }

    public IPAddress SourceAddress => Next(_first, 2);

    public string SourceUrl => $"rsync://{SourceAddress}:{SourcePort}/{SourceModule}/";

    public string SourceTree => Path.Combine(Directory, "source");

    public string SourceStateDirectory => Path.Combine(Directory, "source-rsyncd");

    public string ConfigPath => Path.Combine(Directory, "cluster.yaml");

    public string TokenPath => Path.Combine(Directory, "admin.token");

    public IPAddress AddressOf(string host) => Next(_first, host == Hosts[0] ? 0 : 1);

    public string Root(string host) => Path.Combine(Directory, host, "root");

    public string StateDirectory(string host) => Path.Combine(Directory, host, "state");

    public string NodeLog(string host) => Path.Combine(Directory, host, "node.log");

    public Uri Web(string host, string path = "") => new($"http://{AddressOf(host)}:{WebPort}/{path}");

    public Uri Admin(string host, string path = "") => new($"http://{AddressOf(host)}:{AdminPort}/{path}");

    /// <summary>Every address and port the demo binds, with what binds it (for the busy-port check).</summary>
    public IEnumerable<(IPEndPoint Endpoint, string What)> Listeners(bool nfs)
    {
        yield return (new IPEndPoint(SourceAddress, SourcePort), "the generation source (rsync daemon)");
        foreach (var host in Hosts)
        {
            var address = AddressOf(host);
            yield return (new IPEndPoint(address, WebPort), $"host {host}'s web");
            yield return (new IPEndPoint(address, RsyncPort), $"host {host}'s rsync daemon for mirrors");
            if (nfs)
            {
                yield return (new IPEndPoint(address, NfsPort), $"host {host}'s NFS server");
            }

            yield return (new IPEndPoint(address, AdminPort), $"host {host}'s admin API");
        }
    }

    private static IPAddress Next(IPAddress address, int steps)
    {
        var bytes = address.GetAddressBytes();
        bytes[3] = (byte)(bytes[3] + steps);
        return new IPAddress(bytes);
    }
}
