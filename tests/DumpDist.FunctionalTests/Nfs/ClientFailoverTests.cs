using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Nfs;

/// <summary>
/// `dumpdist client --once` against two real ganesha servers on the production port 2049, each
/// in its own network namespace, configured from one cluster file through `dumpdist nfs exports`.
/// Kernel mounts are impossible here, so each server's mount point is a local copy of its tree
/// (`mount: false`); health is the real probe to the real server plus the canary stat.
/// </summary>
public sealed class ClientFailoverTests : IAsyncLifetime
{
    private readonly string _dir = TestPaths.NewTempDirectory("nfs-failover");
    private readonly Dictionary<string, NamespacedGanesha> _servers = [];

    private string Link => Path.Combine(_dir, "public", "dumps");

    private string ClientFile => Path.Combine(_dir, "client.yaml");

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "dumps1", "dumps2" })
        {
            Directory.CreateDirectory(Path.Combine(_dir, name));
            _servers[name] = await NamespacedGanesha.CreateAsync(Path.Combine(_dir, name));
            foreach (var tree in new[] { Path.Combine(_dir, name, "root", "public"), Path.Combine(_dir, "mnt", $"dumps-{name}") })
            {
                Directory.CreateDirectory(Path.Combine(tree, "enwiki"));
                await File.WriteAllTextAsync(Path.Combine(tree, "served-by.txt"), name);
            }
        }

        await File.WriteAllTextAsync(Path.Combine(_dir, "cluster.yaml"), $"""
            source:
              url: /nonexistent
            datasets:
              - name: xmldatadumps
                path: public
            hosts:
              - name: dumps1
                public_address: {_servers["dumps1"].ServerAddress}
                admin_address: 127.0.0.1:{FreePort.Next()}
                root: {Path.Combine(_dir, "dumps1", "root")}
              - name: dumps2
                public_address: {_servers["dumps2"].ServerAddress}
                admin_address: 127.0.0.1:{FreePort.Next()}
                root: {Path.Combine(_dir, "dumps2", "root")}
            services:
              web:
                active: dumps1
                listen: http://127.0.0.1:{FreePort.Next()}
              rsync:
                active: dumps1
                port: {FreePort.Next()}
              nfs-vps:
                active: dumps1
                clients: [10.213.0.0/16]
              nfs-analytics:
                active: dumps1
                clients: []
            """);
        await File.WriteAllTextAsync(ClientFile, $"""
            cluster: cluster.yaml
            service: nfs-vps
            mount: false
            mount_dir: {Path.Combine(_dir, "mnt")}
            links:
              - link: {Link}
            canary: enwiki
            hysteresis: 4s
            probe_timeout: 2s
            admin_timeout: 1s
            state_file: {Path.Combine(_dir, "state.json")}
            """);
        foreach (var name in _servers.Keys)
        {
            await StartAsync(name);
        }
    }

    [Fact]
    public async Task ClientOnce_ActiveServerDiesAndReturns_SwitchesAwayAtOnceAndBackAfterHysteresis()
    {
        var first = await ClientOnceAsync();
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("dumps1", ServedBy());

        await _servers["dumps1"].StopAsync();
        var failover = await ClientOnceAsync();
        Assert.Equal(0, failover.ExitCode);
        Assert.Contains("nfs-vps: links -> dumps2", failover.StandardOutput);
        Assert.Contains("[switched]", failover.StandardOutput);
        Assert.Equal("dumps2", ServedBy());
        using (var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "state.json"))))
        {
            Assert.Contains($"probe {_servers["dumps1"].ServerAddress}:2049 down", state.RootElement.GetProperty("last_switch").GetProperty("reason").GetString());
        }

        await StartAsync("dumps1");
        var clock = Stopwatch.StartNew();
        var waiting = await ClientOnceAsync();
        Assert.Contains("links -> dumps2", waiting.StandardOutput);
        Assert.Contains("of 4 s; staying on dumps2", waiting.StandardOutput);
        Assert.Equal("dumps2", ServedBy());

        // The hysteresis counts from the moment the waiting round first saw dumps1 healthy, which
        // is after the clock started (process start-up under load can take seconds): poll after 4 s.
        var remaining = TimeSpan.FromSeconds(4.2) - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        ProcessResult back;
        do
        {
            back = await ClientOnceAsync();
        }
        while (!back.StandardOutput.Contains("links -> dumps1 (", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Contains("links -> dumps1 (", back.StandardOutput);
        Assert.Contains("following the assignment", back.StandardOutput);
        Assert.Equal("dumps1", ServedBy());
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private async Task StartAsync(string name)
    {
        var server = _servers[name];
        var conf = Path.Combine(_dir, name, "ganesha.conf");
        Directory.CreateDirectory(Path.Combine(_dir, name, "recovery"));
        var exports = await DumpDistProcess.RunAsync(
            "nfs", "exports", "--config", Path.Combine(_dir, "cluster.yaml"), "--host", name, "--format", "ganesha",
            "--bind", server.ServerAddress, "--recovery-root", Path.Combine(_dir, name, "recovery"), "--out", conf);
        Assert.True(exports.ExitCode == 0, exports.StandardError);
        server.Start(conf);
        var clock = Stopwatch.StartNew();
        ProcessResult probe;
        do
        {
            probe = await DumpDistProcess.RunAsync("nfs", "probe", server.ServerAddress, "--timeout", "1");
        }
        while (probe.ExitCode != 0 && clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.True(probe.ExitCode == 0, $"ganesha for {name} did not come up: {probe.StandardOutput}");
    }

    private Task<ProcessResult> ClientOnceAsync() => DumpDistProcess.RunAsync("client", "--config", ClientFile, "--once");

    private string ServedBy() => File.ReadAllText(Path.Combine(Link, "served-by.txt"));
}
