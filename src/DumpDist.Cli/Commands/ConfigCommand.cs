using System.CommandLine;
using DumpDist.Core.Configuration;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist config check FILE`.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The cluster YAML file." };
        var check = new Command("check", "Check a cluster file; report every error and warning with file:line:column.") { file };
        check.SetAction(async (parseResult, cancellationToken) =>
            await CheckAsync(parseResult.GetRequiredValue(file).ToString(), Console.Out, Console.Error, cancellationToken));
        return new Command("config", "Cluster configuration tools.") { check };
    }

    /// <summary>
    /// Prints every error and warning as FILE:LINE:COL to <paramref name="error"/>, in file order; then, with errors, their count
    /// (exit 2), else a summary to <paramref name="output"/>: exit 0 (warnings alone do not fail the check), or exit 1 when
    /// entries are left out (a mirror with a bad address: the file loads and the node applies the rest, but the check found a problem).
    /// </summary>
    internal static async Task<int> CheckAsync(string path, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var result = ClusterConfigLoader.Load(path);
        var problems = result.Errors.Concat(result.Warnings).Concat(result.LeftOut).OrderBy(p => p.Line).ThenBy(p => p.Column);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync(problem.ToString().AsMemory(), cancellationToken);
        }

        if (!result.Success)
        {
            var count = Plural(result.Errors.Count + result.LeftOut.Count, "error");
            var summary = result.Warnings.Count == 0 ? count : $"{count}, {Plural(result.Warnings.Count, "warning")}";
            await error.WriteLineAsync($"{path}: {summary}".AsMemory(), cancellationToken);
            return ExitCodes.UsageOrConfig;
        }

        await output.WriteAsync(ConfigSummary.Format(path, result.Config).AsMemory(), cancellationToken);
        if (result.LeftOut.Count > 0)
        {
            var entries = result.Config.Mirrors.Where(m => m.AddressProblems.Count > 0).Select(m => $"'{m.Name}'");
            await error.WriteLineAsync(
                $"{path}: {Plural(result.LeftOut.Count, "error")} in mirror entries left out of rsync hosts allow ({string.Join(", ", entries)}); the rest of the file loads".AsMemory(),
                cancellationToken);
            return ExitCodes.ProblemFound;
        }

        return ExitCodes.Success;
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
