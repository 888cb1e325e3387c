using System.CommandLine;
using DumpDist.Cli.Commands;

namespace DumpDist.Cli;

/// <summary>Declares the `dumpdist` commands; each command lives in its own file under Commands/.</summary>
internal static class DumpDistCommandLine
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("dumpdist: serve large public dataset dumps over HTTP, rsync and NFS from independent copies.");
        root.Subcommands.Add(FixtureCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(CleanupCommand.Create());
        root.Subcommands.Add(CapacityCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(WebCommand.Create());
        root.Subcommands.Add(NfsCommand.Create());
        root.Subcommands.Add(ClientCommand.Create());
        root.Subcommands.Add(NodeCommand.Create());
        root.Subcommands.Add(InitCommand.Create());
        root.Subcommands.Add(FailoverCommand.Create());
        root.Subcommands.Add(DrainCommand.Create(undrain: false));
        root.Subcommands.Add(DrainCommand.Create(undrain: true));
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(LbCommand.Create());
        root.Subcommands.Add(MirrorsCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = BuildRoot();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // Named after the command, as the commands' own usage errors are ("dumpdist sync: ...").
            var prefix = string.Join(' ', CommandPath(parseResult.CommandResult.Command).Prepend("dumpdist"));
            foreach (var error in parseResult.Errors)
            {
                await Console.Error.WriteLineAsync($"{prefix}: {error.Message}");
            }

            await Console.Error.WriteLineAsync();
            var helpArgs = parseResult.CommandResult.Command == root
                ? new[] { "--help" }
                : CommandPath(parseResult.CommandResult.Command).Append("--help").ToArray();
            var help = root.Parse(helpArgs);
            await help.InvokeAsync(new InvocationConfiguration { Output = Console.Error }, cancellationToken);
            return ExitCodes.UsageOrConfig;
        }

        // On SIGINT/SIGTERM System.CommandLine cancels the action and returns 2 s later even if it is
        // still running, which would end the process and orphan the demo's children, or cut a node's
        // drain (services.web.drain_deadline) and its children's stop short. The demo handles the
        // signals itself (TerminationSignals); the node's generic host does (its console or systemd
        // lifetime), and both return when everything has stopped.
        var invocation = new InvocationConfiguration();
        var command = parseResult.CommandResult.Command;
        if (command.Parents.Contains(root) && command.Name is DemoCommand.Name or "node")
        {
            invocation.ProcessTerminationTimeout = null;
        }

        if (command.Parents.Contains(root) && command.Name is "web" or "node")
        {
            // Before any socket exists: the runtime reads it once (see InlineSocketCompletions).
            DumpDist.Web.Hosting.InlineSocketCompletions.PreferUnlessConfigured();
        }

        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new Stack<string>();
        for (var current = command; current is not null and not RootCommand; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Push(current.Name);
        }

        return names;
    }
}
