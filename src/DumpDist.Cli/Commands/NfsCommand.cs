using System.CommandLine;
using System.Globalization;
using System.Net;
using DumpDist.Core.Configuration;
using DumpDist.Core.Processes;
using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Probe;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist nfs probe HOST[:PORT]` and `dumpdist nfs exports`.</summary>
internal static class NfsCommand
{
    public static Command Create() =>
        new("nfs", "NFS tools: probe a server over TCP alone, render the exports.")
        {
            CreateProbe(),
            CreateExports(),
        };

    private static string Milliseconds(TimeSpan span) => Format(span.TotalMilliseconds);

    private static string Format(double milliseconds) => milliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static Command CreateExports()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster YAML file.", Required = true };
        var host = new Option<string>("--host") { Description = "The serving host whose exports to render.", Required = true };
        var format = new Option<string>("--format") { Description = "kernel: an /etc/exports.d file; ganesha: a complete ganesha.conf.", Required = true, HelpName = "kernel|ganesha" };
        format.AcceptOnlyFromAmong("kernel", "ganesha");
        var output = new Option<FileInfo?>("--out") { Description = "Write the file here (atomically) instead of to stdout." };
        var apply = new Option<bool>("--apply") { Description = "kernel only: write --out (default /etc/exports.d/dumpdist.exports) and run exportfs -ra; the previous file is restored if exportfs refuses." };
        var exportfs = new Option<string>("--exportfs") { Description = "kernel --apply: the exportfs program to run (a name on PATH or a path).", DefaultValueFactory = _ => new KernelExportsOptions().ExportfsPath, HelpName = "PROGRAM" };
        var bind = new Option<string?>("--bind") { Description = "ganesha only: the address to listen on (default: the host's listen_address, else 0.0.0.0)." };
        var recovery = new Option<string>("--recovery-root") { Description = "ganesha only: NFSv4 recovery directory.", DefaultValueFactory = _ => new GaneshaRenderOptions().RecoveryRoot };
        var command = new Command("exports", "Render the nfs-vps and nfs-analytics exports of a host: read only, all_squash, NFSv4 only, the host's <root>/public as the pseudo root.")
        {
            config, host, format, output, apply, exportfs, bind, recovery,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(config).ToString();
            var loaded = ClusterConfigLoader.Load(path);
            if (!loaded.Success)
            {
                foreach (var error in loaded.Errors)
                {
                    await Console.Error.WriteLineAsync(error.ToString());
                }

                return ExitCodes.UsageOrConfig;
            }

            var hostName = parseResult.GetRequiredValue(host);
            if (loaded.Config.FindHost(hostName) is null)
            {
                await Console.Error.WriteLineAsync($"dumpdist nfs exports: --host {hostName}: {path} has no such host (known: {string.Join(", ", loaded.Config.Hosts.Select(h => h.Name))})");
                return ExitCodes.UsageOrConfig;
            }

            var plan = NfsExportPlanner.Plan(loaded.Config, hostName);
            if (plan.NothingToExport)
            {
                await Console.Error.WriteLineAsync($"dumpdist nfs exports: {path} configures neither services.nfs-vps nor services.nfs-analytics; host {hostName} has no NFS exports");
                return ExitCodes.UsageOrConfig;
            }

            if (!plan.Success)
            {
                foreach (var error in plan.Errors)
                {
                    await Console.Error.WriteLineAsync($"{path}: error: {error}");
                }

                return ExitCodes.UsageOrConfig;
            }

            var chosen = parseResult.GetRequiredValue(format) == "kernel" ? ExportsFormat.Kernel : ExportsFormat.Ganesha;
            var text = chosen == ExportsFormat.Kernel
                ? KernelExportsRenderer.Render(plan.Exports)
                : GaneshaConfigRenderer.Render(plan.Exports, new GaneshaRenderOptions
                {
                    BindAddress = parseResult.GetValue(bind) ?? loaded.Config.FindHost(hostName)!.BindAddress(IPAddress.Any).ToString(),
                    RecoveryRoot = parseResult.GetRequiredValue(recovery),
                });
            var target = parseResult.GetValue(output)?.FullName;
            if (parseResult.GetValue(apply))
            {
                if (chosen != ExportsFormat.Kernel)
                {
                    await Console.Error.WriteLineAsync("dumpdist nfs exports: --apply is for --format kernel; ganesha is applied by its supervisor in `dumpdist node`");
                    return ExitCodes.UsageOrConfig;
                }

                var options = new KernelExportsOptions { ExportfsPath = parseResult.GetRequiredValue(exportfs) };
                options.ExportsFile = target ?? options.ExportsFile;
                var result = await new KernelExportsApplier(options, new ChildProcessRunner()).ApplyAsync(text, cancellationToken);
                await (result.Applied ? Console.Out : Console.Error).WriteLineAsync(result.Detail);
                return result.Applied ? ExitCodes.Success : ExitCodes.ProblemFound;
            }

            if (target is not null)
            {
                await DumpDist.Core.IO.AtomicFile.WriteAllTextAsync(target, text, cancellationToken);
                return ExitCodes.Success;
            }

            await Console.Out.WriteAsync(text);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateProbe()
    {
        var target = new Argument<string>("HOST[:PORT]") { Description = "The NFS server; the port defaults to 2049." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the connection and the reply.", DefaultValueFactory = _ => 5 };
        var count = new Option<int>("--count") { Description = "Probe this many times in a row and print min/median/p99 latency; exit 0 only if every probe answered.", DefaultValueFactory = _ => 1 };
        var command = new Command("probe", "Send an NFSv4 NULL call over TCP; exit 0 if the server answers, 1 if it does not. Needs no rpcbind or mountd (unlike showmount).")
        {
            target, timeout, count,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var seconds = parseResult.GetValue(timeout);
            if (!(seconds > 0) || seconds > 3600)
            {
                await Console.Error.WriteLineAsync($"dumpdist nfs probe: --timeout must be between 0 and 3600 seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}");
                return ExitCodes.UsageOrConfig;
            }

            if (!NfsEndpoint.TryParse(parseResult.GetValue(target), out var endpoint, out var error))
            {
                await Console.Error.WriteLineAsync($"dumpdist nfs probe: {error}");
                return ExitCodes.UsageOrConfig;
            }

            var times = parseResult.GetValue(count);
            if (times is < 1 or > 100_000)
            {
                await Console.Error.WriteLineAsync($"dumpdist nfs probe: --count must be between 1 and 100000, got {times}");
                return ExitCodes.UsageOrConfig;
            }

            var probe = new NfsProbe();
            var results = new List<ProbeResult>(times);
            for (var i = 0; i < times; i++)
            {
                results.Add(await probe.ProbeAsync(endpoint, TimeSpan.FromSeconds(seconds), cancellationToken));
            }

            var last = results[^1];
            var latency = Milliseconds(last.Latency);
            if (times > 1)
            {
                var up = results.Where(r => r.IsUp).Select(r => r.Latency.TotalMilliseconds).Order().ToList();
                var summary = up.Count == 0
                    ? "no answers"
                    : $"min {Format(up[0])} median {Format(up[up.Count / 2])} p99 {Format(up[Math.Min(up.Count - 1, (int)(up.Count * 0.99))])} max {Format(up[^1])} ms";
                Console.WriteLine($"{(up.Count == times ? "up" : "down")} {endpoint} {up.Count}/{times} answered: {summary}{(up.Count == times ? string.Empty : $"; last failure: {results.Last(r => !r.IsUp).Detail}")}");
                return up.Count == times ? ExitCodes.Success : ExitCodes.ProblemFound;
            }

            if (last.IsUp)
            {
                Console.WriteLine($"up {endpoint} {latency} ms: {last.Detail}");
                return ExitCodes.Success;
            }

            Console.WriteLine($"down {endpoint} after {latency} ms: {last.Detail}");
            return ExitCodes.ProblemFound;
        });
        return command;
    }
}
