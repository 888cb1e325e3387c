using System.CommandLine;
using System.Text.Json;
using DumpDist.Cli.Progress;
using DumpDist.Retention.Capacity;
using DumpDist.Retention.Execution;
using DumpDist.Retention.Reporting;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist capacity (--config FILE --host NAME | --root DIR) [--json]`.</summary>
internal static class CapacityCommand
{
    private const string UsageLine = "Usage: dumpdist capacity (--config FILE --host NAME | --root DIR) [--keep N] [--json]";

    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster YAML file (its retention section is what is projected)." };
        var host = new Option<string>("--host") { Description = "This host's name in the cluster file." };
        var root = new Option<DirectoryInfo>("--root") { Description = "One-off form: the tree root (the directory holding public/)." };
        var keep = new Option<int?>("--keep") { Description = "One-off form: project keeping N good runs per wiki (default: production's classes).", CustomParser = CleanupCommand.ParseKeep };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var command = new Command("capacity", "Usage per wiki class and dataset (as du counts it), growth per run, steady state under the retention rules, and when the volume fills.")
        {
            config, host, root, keep, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var target = await CleanupCommand.TargetAsync(parseResult.GetValue(config), parseResult.GetValue(host), parseResult.GetValue(root), parseResult.GetValue(keep), null, "capacity", UsageLine);
            if (target is null)
            {
                return ExitCodes.UsageOrConfig;
            }

            using var signals = new TerminationSignals(cancellationToken);
            var progress = new PassProgress();
            CapacityReport report;
            try
            {
                report = await ProgressDisplay.RunAsync("capacity", ProgressSources.Of(progress), () => Task.Run(() => new CapacityAnalyzer(TimeProvider.System).Analyze(target, progress, signals.Token), signals.Token));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"dumpdist capacity: {e.Message}");
                return ExitCodes.ProblemFound;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("dumpdist capacity: interrupted");
                return ExitCodes.ProblemFound;
            }

            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, RetentionJsonContext.Default.CapacityReport));
            }
            else
            {
                CapacityText.Write(Console.Out, report);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
