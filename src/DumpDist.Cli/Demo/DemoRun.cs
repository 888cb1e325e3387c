using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using DumpDist.Cli.Commands;
using DumpDist.Core.Configuration;
using DumpDist.Core.Processes;
using DumpDist.Fixtures;
using DumpDist.Node.Admin;
using Microsoft.Extensions.Logging;

namespace DumpDist.Cli.Demo;

/// <summary>
/// <c>dumpdist demo</c> from start to stop: checks what it needs, generates the tree, starts the
/// generation source and the two hosts, waits until both serve synced data, prints what to try,
/// and on SIGINT/SIGTERM stops every process it started and removes its temporary state.
/// </summary>
internal static class DemoRun
{
    // Not the process's start time: scripts/demo.sh execs the demo, so that would include the build.
    private static long _started;
    private static readonly TimeSpan SourceLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MirrorsPageLimit = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        _started = Stopwatch.GetTimestamp();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"dumpdist demo: {error}");
            }

            return ExitCodes.UsageOrConfig;
        }

        var programs = DemoPrograms.Find(Environment.GetEnvironmentVariable("PATH"));
        if (programs.Rsync is null)
        {
            await Console.Error.WriteLineAsync(
                $"dumpdist demo: rsync is not installed (Debian package {DemoPrograms.RsyncPackage}): it is the generation source and how every host syncs, so there is no demo without it. " +
                $"Install it (apt-get install {DemoPrograms.RsyncPackage}, or run scripts/demo.sh as root, which installs what is missing) and run again.");
            return ExitCodes.ProblemFound;
        }

        var removeAtEnd = options.Directory is null && !options.Keep;
        var directory = Path.GetFullPath(options.Directory ?? Path.Combine(Path.GetTempPath(), "dumpdist-demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))));
        var layout = new DemoLayout(directory, options.Port, options.Address);
        var busy = DemoPorts.Busy(layout.Listeners(programs.Nfs));
        if (busy.Count > 0)
        {
            foreach (var problem in busy)
            {
                await Console.Error.WriteLineAsync($"dumpdist demo: {problem}");
            }

            await Console.Error.WriteLineAsync($"dumpdist demo: nothing started; choose other ports with --port N (the demo uses N to N+{DemoLayout.PortCount - 1}) or other addresses with --address 127.0.0.X (X, X+1 and X+2)");
            return ExitCodes.UsageOrConfig;
        }

        if (!programs.Nfs)
        {
            await Console.Out.WriteLineAsync($"dumpdist demo: running without NFS: {programs.GaneshaMissing}");
        }

        // Not CreateTempSubdirectory: its 0700 would keep the rsync daemons (user nobody under root) out of the tree.
        Directory.CreateDirectory(directory);
        try
        {
            return await RunInAsync(layout, options, programs, removeAtEnd, cancellationToken);
        }
        finally
        {
            if (removeAtEnd)
            {
                Directory.Delete(directory, recursive: true);
                await Console.Out.WriteLineAsync($"dumpdist demo: removed {directory} {Since()}");
            }
        }
    }

    private static async Task<int> RunInAsync(DemoLayout layout, DemoOptions options, DemoPrograms programs, bool removeAtEnd, CancellationToken cancellationToken)
    {
        await Console.Out.WriteLineAsync($"dumpdist demo: state in {layout.Directory}");
        await Console.Out.WriteLineAsync($"dumpdist demo: generating a dump tree ({options.Wikis} wikis, {DemoOptions.Runs} runs each) in {layout.SourceTree}");
        FixtureManifest tree;
        try
        {
            tree = await FixtureGenerator.GenerateAsync(new FixtureOptions(layout.SourceTree, options.Wikis, DemoOptions.Runs, DemoOptions.Scale), null, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Success;
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(layout.TokenPath, token + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(layout.TokenPath, UnixFileMode.UserRead | UnixFileMode.UserWrite); // the node refuses a token others can read
        }

        await File.WriteAllTextAsync(layout.ConfigPath, DemoClusterFile.Render(layout, tree, programs.Nfs), cancellationToken);
        var loaded = ClusterConfigLoader.Load(layout.ConfigPath);
        if (!loaded.Success)
        {
            foreach (var error in loaded.Errors)
            {
                await Console.Error.WriteLineAsync(error.ToString());
            }

            await Console.Error.WriteLineAsync($"dumpdist demo: the cluster file it wrote does not load (a bug in the demo); nothing started");
            return ExitCodes.ProblemFound;
        }

        using var logging = CliLogging.Create(LogLevel.Warning);
        var logger = logging.CreateLogger("dumpdist.demo");
        var started = new List<ProcessSupervisor>();
        var logs = new List<IDisposable>();
        try
        {
            var source = DemoSource.Create(layout, programs.Rsync!, logger);
            started.Add(source);
            await source.StartAsync(cancellationToken);
            if (!await ListeningAsync(layout, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"dumpdist demo: the generation source did not listen on {layout.SourceAddress}:{layout.SourcePort} within {SourceLimit.TotalSeconds:0} s; see {Path.Combine(layout.SourceStateDirectory, "rsyncd.log")}");
                return ExitCodes.ProblemFound;
            }

            await Console.Out.WriteLineAsync($"dumpdist demo: generation source {layout.SourceUrl} serves {tree.FileCount} files; starting hosts a and b (dumpdist node) {Since()}");
            var nodes = new Dictionary<string, ProcessSupervisor>(StringComparer.Ordinal);
            foreach (var host in DemoLayout.Hosts)
            {
                var (node, log) = DemoNodes.Create(layout, host, programs.Nfs, logger);
                logs.Add(log);
                started.Add(node);
                nodes[host] = node;
                await node.StartAsync(cancellationToken);
            }

            var sample = DemoSample.From(tree);
            var warnings = new List<string>();
            var problem = await WaitUntilServingAsync(layout, loaded.Config!, token, nodes, sample, warnings, cancellationToken);
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync($"dumpdist demo: {problem}");
                return ExitCodes.ProblemFound;
            }

            var elapsed = Stopwatch.GetElapsedTime(_started);
            await Console.Out.WriteAsync(DemoGuide.Render(layout, programs, sample, elapsed, removeAtEnd, warnings));
            await Console.Out.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        finally
        {
            await Console.Out.WriteLineAsync($"dumpdist demo: stopping hosts a and b and the generation source {Since()}");
            var nodeStops = started.Skip(1).Select(s => s.StopAsync(CancellationToken.None));
            await Task.WhenAll(nodeStops);
            if (started.Count > 0)
            {
                await started[0].StopAsync(CancellationToken.None);
            }

            foreach (var supervisor in started)
            {
                supervisor.Dispose();
            }

            foreach (var log in logs)
            {
                log.Dispose();
            }

            await Console.Out.WriteLineAsync($"dumpdist demo: stopped {Since()}");
        }
    }

    private static async Task<string?> WaitUntilServingAsync(DemoLayout layout, ClusterConfig config, string token, IReadOnlyDictionary<string, ProcessSupervisor> nodes, DemoSample sample, List<string> warnings, CancellationToken cancellationToken)
    {
        var settings = AdminSettings.From(config);
        using var adminHttp = AdminHttp.Create(settings);
        var admins = AdminHttp.Clients(config, settings, adminHttp, token);
        using var web = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

        // Both hosts sync at once, as two independent copies would; each says when it serves.
        var problems = await Task.WhenAll(DemoLayout.Hosts.Select(async host =>
        {
            var problem = await new DemoReadiness(layout, admins[host], web, nodes[host]).WaitAsync(host, sample, warnings, cancellationToken);
            if (problem is null)
            {
                await Console.Out.WriteLineAsync($"dumpdist demo: host {host} synced and serves {layout.Web(host)} {Since()}");
            }

            return problem;
        }));
        if (problems.FirstOrDefault(p => p is not null) is { } first)
        {
            return first;
        }

        var page = layout.Web(DemoLayout.MirrorsHost, "mirrors.json");
        var deadline = DateTime.UtcNow + MirrorsPageLimit;
        while (!await MirrorFreshAsync(web, page, cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                warnings.Add($"the mirrors page {page} does not show the registry's mirror fresh yet; host {DemoLayout.MirrorsHost} checks it again when its tree changes and every 15 minutes");
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        return null;
    }

    /// <summary>Time since the demo began, for the progress lines: "(at 12.3 s)".</summary>
    private static string Since() => string.Create(CultureInfo.InvariantCulture, $"(at {Stopwatch.GetElapsedTime(_started).TotalSeconds:0.0} s)");

    /// <summary>The mirrors page of the host mirrors pull from shows the registry's mirror fresh once that host has synced.</summary>
    private static async Task<bool> MirrorFreshAsync(HttpClient web, Uri url, CancellationToken cancellationToken)
    {
        using var response = await web.GetAsync(url, cancellationToken);
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"status\": \"fresh\"", StringComparison.Ordinal);
    }

    private static async Task<bool> ListeningAsync(DemoLayout layout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + SourceLimit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(layout.SourceAddress, layout.SourcePort, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }

        return false;
    }
}
