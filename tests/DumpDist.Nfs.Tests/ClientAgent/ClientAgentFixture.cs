using DumpDist.Nfs.ClientAgent;
using DumpDist.Nfs.Metrics;
using DumpDist.Nfs.Probe;
using DumpDist.Nfs.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace DumpDist.Nfs.Tests.ClientAgent;

/// <summary>
/// Two serving hosts for the client agent: two real ganesha instances on two ports, each
/// exporting its own copy of a small tree. Kernel mounts are impossible here, so each server's
/// "mount point" is a local directory with a copy of its tree; health comes from the real probe
/// against the real ganesha plus a stat of the canary in that directory.
/// </summary>
internal sealed class ClientAgentFixture : IAsyncDisposable
{
    public ClientAgentFixture()
    {
        Root = TestPaths.NewTempDirectory("client-agent");
        foreach (var name in new[] { "dumps1", "dumps2" })
        {
            foreach (var tree in new[] { ServerTree(name), MountPoint(name) })
            {
                Directory.CreateDirectory(Path.Combine(tree, "enwiki", "20260101"));
                File.WriteAllText(Path.Combine(tree, "enwiki", "20260101", "enwiki-20260101-md5sums.txt"), "0123456789abcdef0123456789abcdef  enwiki-20260101-stub.xml.gz\n");
                File.WriteAllText(Path.Combine(tree, "served-by.txt"), name);
            }
        }

        Ports = new Dictionary<string, int>
        {
            ["dumps1"] = FreePort.Next(),
            ["dumps2"] = FreePort.Next(),
        };
    }

    public string Root { get; }

    public Dictionary<string, int> Ports { get; }

    public Dictionary<string, GaneshaServer> Ganesha { get; } = [];

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public FakeMounts Mounts { get; } = new();

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public string Link => Path.Combine(Root, "public", "dumps");

    public string StateFile => Path.Combine(Root, "state", "client.json");

    public string ServerTree(string name) => Path.Combine(Root, "srv", name, "public");

    public string MountPoint(string name) => Path.Combine(Root, "mnt", $"dumps-{name}");

    public ClientAgentOptions Options(IReadOnlyList<Uri>? admin = null, string? token = null) => new()
    {
        Service = "nfs-vps",
        Servers = new[] { "dumps1", "dumps2" }.Select(n => new ServerTarget(n, new NfsEndpoint("127.0.0.1", Ports[n]), MountPoint(n))).ToList(),
        DefaultActive = "dumps1",
        Links = [new LinkSpec(Link)],
        AdminEndpoints = admin ?? [],
        AdminToken = token,
        CanaryPath = "enwiki",
        ProbeTimeout = TimeSpan.FromSeconds(2),
        StatTimeout = TimeSpan.FromSeconds(2),
        Hysteresis = TimeSpan.FromMinutes(10),
        StateFile = StateFile,
    };

    public Nfs.ClientAgent.ClientAgent Agent(ClientAgentOptions options, CanaryStat? canary = null) => new(
        options,
        new ServerHealthChecker(new NfsProbe(), canary ?? new CanaryStat()),
        new AssignmentClient(new HttpClient()),
        Mounts,
        Mounts,
        Time,
        new NfsMetrics(Registry),
        NullLogger<Nfs.ClientAgent.ClientAgent>.Instance);

    public async Task StartAsync(string name)
    {
        Ganesha[name] = await GaneshaServer.StartAsync(ServerTree(name), ["127.0.0.1"], Ports[name]);
    }

    public async Task StopAsync(string name)
    {
        await Ganesha[name].DisposeAsync();
        Ganesha.Remove(name);
    }

    /// <summary>Which server the link points at, judged by the file read through it.</summary>
    public string ServedBy() => File.ReadAllText(Path.Combine(Link, "served-by.txt"));

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Ganesha.Values)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }
}
