using System.CommandLine;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist config check FILE`.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The cluster YAML file." };
        var check = new Command("check", "Check a cluster file; report every error with file:line:column.") { file };
        check.SetAction((parseResult, cancellationToken) =>
        {
            Console.Error.WriteLine("config check: not implemented yet");
            return Task.FromResult(ExitCodes.ProblemFound);
        });
        return new Command("config", "Cluster configuration tools.") { check };
    }
}
