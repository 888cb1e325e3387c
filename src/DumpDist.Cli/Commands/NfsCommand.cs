using System.CommandLine;
using System.Globalization;
using DumpDist.Nfs.Probe;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist nfs probe HOST[:PORT]` and `dumpdist nfs exports`.</summary>
internal static class NfsCommand
{
    public static Command Create() =>
        new("nfs", "NFS tools: probe a server over TCP alone, render the exports.")
        {
            CreateProbe(),
        };

    private static Command CreateProbe()
    {
        var target = new Argument<string>("HOST[:PORT]") { Description = "The NFS server; the port defaults to 2049." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the connection and the reply.", DefaultValueFactory = _ => 5 };
        var command = new Command("probe", "Send an NFSv4 NULL call over TCP; exit 0 if the server answers, 1 if it does not. Needs no rpcbind or mountd (unlike showmount).")
        {
            target, timeout,
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

            var result = await new NfsProbe().ProbeAsync(endpoint, TimeSpan.FromSeconds(seconds), cancellationToken);
            var latency = result.Latency.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
            if (result.IsUp)
            {
                Console.WriteLine($"up {endpoint} {latency} ms: {result.Detail}");
                return ExitCodes.Success;
            }

            Console.WriteLine($"down {endpoint} after {latency} ms: {result.Detail}");
            return ExitCodes.ProblemFound;
        });
        return command;
    }
}
