using System.Net;
using DumpDist.Core.Configuration;

namespace DumpDist.Mirrors.Rsyncd;

/// <summary>
/// Everything the daemon is run with, taken from one cluster-file snapshot. The address, port and
/// bandwidth cap are command-line options (a change needs a restart); the rest is rsyncd.conf,
/// which rsyncd reads for each new connection.
/// </summary>
internal sealed record RsyncdSettings
{
    public required IPAddress Address { get; init; }

    public required int Port { get; init; }

    /// <summary>Daemon <c>--bwlimit</c> in KiB/s; 0 for none.</summary>
    public long BandwidthLimitKiB { get; init; }

    public required int MaxConnections { get; init; }

    public required IReadOnlyList<int> KeepRuns { get; init; }

    /// <summary>The served directory, <c>&lt;root&gt;/public</c>.</summary>
    public required string PublicDirectory { get; init; }

    public required IReadOnlyList<string> HostsAllow { get; init; }

    /// <summary>Every connection starts with a PROXY header from the balancer (<c>services.rsync.proxy_protocol</c>).</summary>
    public bool ProxyProtocol { get; init; }

    /// <summary>Peers allowed to send that header (<c>qos.trusted_proxies</c>); empty lets any peer send it.</summary>
    public IReadOnlyList<string> ProxyProtocolHosts { get; init; } = [];

    /// <summary>Who rsyncd serves as when started by root (<c>services.rsync.uid</c>/<c>gid</c>, default nobody/nogroup).</summary>
    public string User { get; init; } = "nobody";

    /// <summary>The group rsyncd serves as when started by root.</summary>
    public string Group { get; init; } = "nogroup";

    /// <summary>Seconds of I/O silence after which rsyncd drops a client.</summary>
    public int TimeoutSeconds { get; init; } = 600;

    /// <summary>Options clients may not use.</summary>
    public IReadOnlyList<string> RefuseOptions { get; init; } = ["delete", "compress"];

    /// <summary>The settings of <paramref name="hostName"/> in <paramref name="config"/>; null when the file has no <c>services.rsync</c> or no such host.</summary>
    public static RsyncdSettings? From(ClusterConfig config, string hostName)
    {
        if (config.Services.Rsync is not { } rsync || config.FindHost(hostName) is not { } host)
        {
            return null;
        }

        return new RsyncdSettings
        {
            Address = host.BindAddress(host.PublicAddress),
            Port = rsync.Port,
            BandwidthLimitKiB = rsync.BandwidthLimitKiB,
            MaxConnections = rsync.MaxConnections,
            KeepRuns = rsync.KeepRuns,
            PublicDirectory = Path.Combine(Path.GetFullPath(host.Root), Core.Tree.DumpTree.PublicDirectoryName),
            HostsAllow = Access.HostsAllow.From(config.Mirrors),
            ProxyProtocol = rsync.ProxyProtocol,
            ProxyProtocolHosts = rsync.ProxyProtocol ? config.Qos.TrustedProxies.Select(n => n.ToString()).ToList() : [],
            User = rsync.User,
            Group = rsync.Group,
        };
    }

    /// <summary>The daemon's command line (without the program).</summary>
    public IReadOnlyList<string> Arguments(RsyncdPaths paths)
    {
        var arguments = new List<string>
        {
            "--daemon", "--no-detach", "--config=" + paths.ConfigFile, "--address=" + Address, "--port=" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (BandwidthLimitKiB > 0)
        {
            arguments.Add("--bwlimit=" + BandwidthLimitKiB.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return arguments;
    }
}
