using System.Diagnostics;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Nfs;

/// <summary>
/// A serving host's NFS server as in production: nfs-ganesha on port 2049 of its own address,
/// inside a network namespace the test creates (veth pair; the host side is the NFS client).
/// Lets two servers share the production port, as the cluster file requires.
/// </summary>
internal sealed class NamespacedGanesha : IAsyncDisposable
{
    private readonly string _namespace;
    private readonly string _directory;
    private Process? _ganesha;

    private NamespacedGanesha(string name, string directory, string hostAddress, string serverAddress)
    {
        _namespace = name;
        _directory = directory;
        HostAddress = hostAddress;
        ServerAddress = serverAddress;
    }

    /// <summary>The client side of the veth pair.</summary>
    public string HostAddress { get; }

    /// <summary>Where ganesha listens, inside the namespace.</summary>
    public string ServerAddress { get; }

    private static int _nextSubnet = Random.Shared.Next(0, 256 * 64);

    /// <summary>Creates the namespace and a /30 link to it: host 10.213.A.B+1, server 10.213.A.B+2.</summary>
    public static async Task<NamespacedGanesha> CreateAsync(string directory)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        // Distinct within this test run (two servers must never share a /30), random across runs.
        var subnet = Interlocked.Increment(ref _nextSubnet) % (256 * 64);
        var hostAddress = $"10.213.{subnet / 64}.{(subnet % 64 * 4) + 1}";
        var serverAddress = $"10.213.{subnet / 64}.{(subnet % 64 * 4) + 2}";
        var server = new NamespacedGanesha($"ddnfs{id}", directory, hostAddress, serverAddress);
        string[][] steps =
        [
            ["netns", "add", server._namespace],
            ["link", "add", $"v{id}", "type", "veth", "peer", "name", $"p{id}"],
            ["link", "set", $"p{id}", "netns", server._namespace],
            ["addr", "add", $"{hostAddress}/30", "dev", $"v{id}"],
            ["link", "set", $"v{id}", "up"],
            ["-n", server._namespace, "addr", "add", $"{serverAddress}/30", "dev", $"p{id}"],
            ["-n", server._namespace, "link", "set", $"p{id}", "up"],
            ["-n", server._namespace, "link", "set", "lo", "up"],
        ];
        foreach (var step in steps)
        {
            var result = await ExternalProgram.RunAsync("ip", step);
            if (result.ExitCode != 0)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"ip {string.Join(' ', step)}: {result.StandardError}");
            }
        }

        return server;
    }

    /// <summary>Starts ganesha.nfsd inside the namespace with <paramref name="configPath"/>.</summary>
    public void Start(string configPath)
    {
        var startInfo = new ProcessStartInfo("ip", ["netns", "exec", _namespace, "ganesha.nfsd", "-F", "-L", Path.Combine(_directory, "ganesha.log"), "-f", configPath, "-p", Path.Combine(_directory, "ganesha.pid")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _ganesha = Process.Start(startInfo) ?? throw new InvalidOperationException("ganesha.nfsd did not start");
    }

    /// <summary>Kills ganesha, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (_ganesha is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
            _ganesha = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await ExternalProgram.RunAsync("ip", ["netns", "del", _namespace]); // also removes the veth pair
    }
}
