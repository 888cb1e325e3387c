using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace DumpDist.TestSupport.Lab;

/// <summary>
/// A private network for a test: one network namespace per host, each with one veth (<c>lab0</c>)
/// into a bridge that lives in a namespace of its own, and one address per host in a /24 under
/// 10.x claimed for this run (<see cref="LabSubnet"/>). The namespaces have no default route, so
/// nothing they send can leave the lab; nothing is added to the root namespace. Programs run inside
/// with <c>ip netns exec</c>. Dispose (or, if a test run dies first, the process-exit hook) kills
/// every process in the namespaces and deletes them, which removes the veths and the bridge.
/// Needs root; without it <see cref="CreateAsync"/> throws with a message saying so.
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    private const string Prefix = "ddlab-";
    private const string BridgeHost = "bridge";
    private static readonly ConcurrentDictionary<NetworkLab, byte> Live = new();
    private readonly string _id;
    private readonly Dictionary<string, string> _addresses = new(StringComparer.Ordinal);
    private readonly List<string> _namespaces = [];
    private readonly ConcurrentBag<LabProcess> _processes = [];
    // .NET does not raise ProcessExit when a signal ends the process: hook the signals too.
    private static readonly PosixSignalRegistration[] Signals =
        [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }.Select(s => PosixSignalRegistration.Create(s, _ => TearDownAll()))];

    private int _tornDown;

    static NetworkLab()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TearDownAll();
    }

    private NetworkLab(LabSubnet subnet, string id)
    {
        Subnet = subnet;
        _id = id;
    }

    public LabSubnet Subnet { get; }

    /// <summary>The hosts, in the order given (host i has address .i+1).</summary>
    public IReadOnlyCollection<string> Hosts => _addresses.Keys;

    /// <summary>Creates the bridge and one namespace per host (names of letters and digits, at most 10 characters).</summary>
    public static async Task<NetworkLab> CreateAsync(IReadOnlyList<string> hosts)
    {
        if (hosts.Any(h => h.Length is 0 or > 10 || !h.All(char.IsAsciiLetterOrDigit) || h == BridgeHost))
        {
            throw new ArgumentException($"host names must be 1 to 10 ASCII letters or digits, and not '{BridgeHost}'", nameof(hosts));
        }

        await RemoveAbandonedAsync();
        var lab = new NetworkLab(LabSubnet.Claim(), Guid.NewGuid().ToString("N")[..6]);
        Live.TryAdd(lab, 0);
        try
        {
            var bridge = lab.NamespaceName(BridgeHost);
            await lab.AddNamespaceAsync(bridge);
            await IpAsync("-n", bridge, "link", "add", "br0", "type", "bridge");
            await IpAsync("-n", bridge, "link", "set", "br0", "up");
            for (var i = 0; i < hosts.Count; i++)
            {
                var host = hosts[i];
                var netns = lab.NamespaceName(host);
                var address = lab.Subnet.Address(i + 1);
                await lab.AddNamespaceAsync(netns);
                await IpAsync("-n", bridge, "link", "add", $"v-{host}", "type", "veth", "peer", "name", "lab0", "netns", netns);
                await IpAsync("-n", bridge, "link", "set", $"v-{host}", "master", "br0");
                await IpAsync("-n", bridge, "link", "set", $"v-{host}", "up");
                await IpAsync("-n", netns, "addr", "add", $"{address}/24", "dev", "lab0");
                await IpAsync("-n", netns, "link", "set", "lab0", "up");
                await IpAsync("-n", netns, "link", "set", "lo", "up");
                lab._addresses[host] = address;
            }

            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address of <paramref name="host"/> inside the lab.</summary>
    public string Address(string host) => _addresses[host];

    /// <summary>The network namespace of <paramref name="host"/>.</summary>
    public string Namespace(string host) => _addresses.ContainsKey(host) ? NamespaceName(host) : throw new ArgumentException($"no host '{host}' in the lab", nameof(host));

    /// <summary>Starts a long-running <paramref name="program"/> on <paramref name="host"/>; it is killed on dispose.</summary>
    public LabProcess Start(string host, string name, string logPath, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = LabProcess.Start(Namespace(host), $"{host}: {name}", logPath, program, arguments, environment);
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs <paramref name="program"/> on <paramref name="host"/> to completion.</summary>
    public Task<ProcessResult> RunAsync(string host, string program, IEnumerable<string> arguments, TimeSpan? timeout = null, IDictionary<string, string>? environment = null) =>
        ExternalProgram.RunAsync("ip", new[] { "netns", "exec", Namespace(host), program }.Concat(arguments), timeout: timeout, environment: environment);

    public async ValueTask DisposeAsync()
    {
        await Task.Run(TearDown);
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/> (negative: a process group); a process already gone is fine.</summary>
    internal static void Kill(string signal, int pid) =>
        RunNow("kill", "-" + signal, "--", pid.ToString(CultureInfo.InvariantCulture));

    private string NamespaceName(string host) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{_id}-{host}");

    private async Task AddNamespaceAsync(string name)
    {
        var result = await ExternalProgram.RunAsync("ip", ["netns", "add", name]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"cannot create network namespace {name}: ip netns add exited {result.ExitCode}: {result.StandardError.Trim()}. " +
                "The cluster tests build their network from namespaces and need root (CAP_SYS_ADMIN, CAP_NET_ADMIN); run them as root.");
        }

        _namespaces.Add(name);
    }

    private static void TearDownAll()
    {
        foreach (var lab in Live.Keys)
        {
            lab.TearDown();
        }
    }

    private void TearDown()
    {
        if (Interlocked.Exchange(ref _tornDown, 1) == 1)
        {
            return;
        }

        foreach (var process in _processes)
        {
            process.KillNow();
        }

        // Children that left their group, and anything else still inside, go too: a namespace
        // with a process in it outlives `ip netns del`.
        foreach (var netns in Enumerable.Reverse(_namespaces))
        {
            RemoveNamespace(netns);
        }

        Subnet.Dispose();
        Live.TryRemove(this, out _);
    }

    /// <summary>SIGKILL to every process in <paramref name="host"/>'s namespace: the host is gone (its children in their own process groups too).</summary>
    public void KillEverythingIn(string host) => KillAll(Namespace(host));

    private static void RemoveNamespace(string netns)
    {
        KillAll(netns);
        RunNow("ip", "netns", "del", netns);
    }

    private static void KillAll(string netns)
    {
        for (var round = 0; round < 5; round++)
        {
            var pids = RunNow("ip", "netns", "pids", netns).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (pids.Length == 0)
            {
                break;
            }

            foreach (var pid in pids)
            {
                RunNow("kill", "-KILL", pid);
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Removes the namespaces of labs whose test process died without cleaning up.</summary>
    private static async Task RemoveAbandonedAsync()
    {
        var list = await ExternalProgram.RunAsync("ip", ["netns", "list"]);
        foreach (var line in list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (name.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(name[Prefix.Length..].Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
                && !Directory.Exists($"/proc/{owner}"))
            {
                RemoveNamespace(name);
            }
        }
    }

    private static async Task IpAsync(params string[] arguments)
    {
        var result = await ExternalProgram.RunAsync("ip", arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError.Trim()}");
        }
    }

    private static string RunNow(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
