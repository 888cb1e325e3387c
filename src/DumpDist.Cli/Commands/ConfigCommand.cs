using System.CommandLine;
using DumpDist.Core.Configuration;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist config check FILE`.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The cluster YAML file." };
        var check = new Command("check", "Check a cluster file; report every error with file:line:column.") { file };
        check.SetAction(async (parseResult, cancellationToken) =>
            await CheckAsync(parseResult.GetRequiredValue(file).ToString(), Console.Out, Console.Error, cancellationToken));
        return new Command("config", "Cluster configuration tools.") { check };
    }

    /// <summary>Prints every error as FILE:LINE:COL to <paramref name="error"/> (exit 2), or a summary to <paramref name="output"/> (exit 0).</summary>
    internal static async Task<int> CheckAsync(string path, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var result = ClusterConfigLoader.Load(path);
        if (!result.Success)
        {
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync(problem.ToString().AsMemory(), cancellationToken);
            }

            var count = result.Errors.Count;
            await error.WriteLineAsync($"{path}: {count} error{(count == 1 ? string.Empty : "s")}".AsMemory(), cancellationToken);
            return ExitCodes.UsageOrConfig;
        }

        // Rules owned by the NFS area (exporting to everyone, one NFS port per host): docs/nfs.md.
        var nfsErrors = DumpDist.Nfs.Exports.NfsExportPlanner.Check(result.Config);
        if (nfsErrors.Count > 0)
        {
            foreach (var problem in nfsErrors)
            {
                await error.WriteLineAsync($"{path}: error: {problem}".AsMemory(), cancellationToken);
            }

            await error.WriteLineAsync($"{path}: {nfsErrors.Count} error{(nfsErrors.Count == 1 ? string.Empty : "s")}".AsMemory(), cancellationToken);
            return ExitCodes.UsageOrConfig;
        }

        await output.WriteAsync(ConfigSummary.Format(path, result.Config).AsMemory(), cancellationToken);
        return ExitCodes.Success;
    }
}
