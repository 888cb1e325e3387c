using System.CommandLine;
using System.Net;
using DumpDist.Cli.Demo;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist demo [--dir DIR] [--keep] [--wikis N] [--port N] [--address A]`: a whole cluster on loopback.</summary>
internal static class DemoCommand
{
    public const string Name = "demo";

    public static Command Create()
    {
        var directory = new Option<DirectoryInfo?>("--dir") { Description = "Keep the demo's state (tree, cluster file, hosts' copies, logs) here; it must be new or empty, and is kept at the end. Default: a new temporary directory, removed at the end." };
        var keep = new Option<bool>("--keep") { Description = "Keep the temporary directory at the end." };
        var wikis = new Option<int>("--wikis") { Description = "Wikis in the generated tree.", DefaultValueFactory = _ => DemoOptions.DefaultWikis };
        var port = new Option<int>("--port") { Description = $"First of the {DemoLayout.PortCount} ports used: web, mirrors' rsync, NFS, admin API, generation source.", DefaultValueFactory = _ => DemoOptions.DefaultPort };
        var address = new Option<string>("--address") { Description = "Host a's loopback address; host b uses the next one, the generation source the one after.", DefaultValueFactory = _ => DemoOptions.DefaultAddress };
        var command = new Command(Name, "Run a whole cluster on loopback: a generation source and two serving hosts that sync from it and serve web, rsync for mirrors and NFS; prints what to open and try. Ctrl-C stops it.")
        {
            directory, keep, wikis, port, address,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parseResult.GetValue(address), out var first))
            {
                await Console.Error.WriteLineAsync($"dumpdist demo: --address must be an IPv4 loopback address such as {DemoOptions.DefaultAddress}, got '{parseResult.GetValue(address)}'");
                return ExitCodes.UsageOrConfig;
            }

            var options = new DemoOptions(parseResult.GetValue(directory)?.FullName, parseResult.GetValue(keep), parseResult.GetValue(wikis), parseResult.GetValue(port), first);

            // SIGINT/SIGTERM cancel; the process lives on until every child is gone and the state removed.
            using var signals = new TerminationSignals(cancellationToken);
            return await DemoRun.RunAsync(options, signals.Token);
        });
        return command;
    }
}
