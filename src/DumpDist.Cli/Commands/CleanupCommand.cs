using System.CommandLine;
using System.Text.Json;
using DumpDist.Cli.Progress;
using DumpDist.Core.Configuration;
using DumpDist.Retention.Execution;
using DumpDist.Retention.Reporting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist cleanup (--config FILE --host NAME | --root DIR [--keep N]) [--dry-run] [--json]`.</summary>
internal static class CleanupCommand
{
    private const string UsageLine = "Usage: dumpdist cleanup (--config FILE --host NAME | --root DIR [--keep N]) [--dry-run] [--json]";

    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster YAML file (its retention section applies)." };
        var host = new Option<string>("--host") { Description = "This host's name in the cluster file." };
        var root = new Option<DirectoryInfo>("--root") { Description = "One-off form: the tree root (the directory holding public/)." };
        var keep = new Option<int?>("--keep") { Description = "One-off form: good runs kept per wiki (default: production's classes, 7 / 8 / 10).", CustomParser = CleanupCommand.ParseKeep };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be removed; change nothing and take no lock." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var stateDir = new Option<DirectoryInfo>("--state-dir") { Description = "One-off form: where the sync lock lives (default: as `dumpdist sync --dest DIR`)." };
        var command = new Command("cleanup", "Remove old runs by the retention rules, never the newest good run, one latest/ points into, or one in progress; runs leave the served tree in one rename.")
        {
            config, host, root, keep, dryRun, json, stateDir,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var target = await TargetAsync(parseResult.GetValue(config), parseResult.GetValue(host), parseResult.GetValue(root), parseResult.GetValue(keep), parseResult.GetValue(stateDir));
            if (target is null)
            {
                return ExitCodes.UsageOrConfig;
            }

            using var signals = new TerminationSignals(cancellationToken);
            using var loggerFactory = CliLogging.Create(LogLevel.Warning);
            var progress = new PassProgress();
            CleanupReport report;
            try
            {
                var executor = new CleanupExecutor(TimeProvider.System, loggerFactory.CreateLogger("dumpdist.cleanup"));
                report = await ProgressDisplay.RunAsync("cleanup", ProgressSources.Of(progress), () => Task.Run(() => executor.Run(target, parseResult.GetValue(dryRun), progress, signals.Token), signals.Token));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"dumpdist cleanup: {e.Message}");
                return ExitCodes.ProblemFound;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("dumpdist cleanup: interrupted; runs already moved out of the served tree are deleted by the next pass");
                return ExitCodes.ProblemFound;
            }

            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, RetentionJsonContext.Default.CleanupReport));
            }
            else
            {
                CleanupText.Write(Console.Out, report);
            }

            foreach (var refusal in report.Refusals)
            {
                await Console.Error.WriteLineAsync($"dumpdist cleanup: refused: {refusal}");
            }

            return report.Succeeded ? ExitCodes.Success : ExitCodes.ProblemFound;
        });
        return command;
    }

    /// <summary>--keep as a whole number, with an error naming the option (not a .NET type) otherwise.</summary>
    internal static int? ParseKeep(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var keep))
        {
            return keep;
        }

        result.AddError($"--keep must be a whole number of runs, got '{text}'");
        return null;
    }

    /// <summary>The tree to clean from either form; null after printing why (exit 2).</summary>
    internal static async Task<RetentionTarget?> TargetAsync(FileInfo? configFile, string? hostName, DirectoryInfo? root, int? keep, DirectoryInfo? stateDir, string name = "cleanup", string usage = UsageLine)
    {
        RetentionTarget? target;
        if (configFile is not null)
        {
            if (root is not null || keep is not null || stateDir is not null)
            {
                return Usage(name, usage, "--root, --keep and --state-dir belong to the one-off form; with --config the cluster file's retention section and state_dir apply");
            }

            if (hostName is null)
            {
                return Usage(name, usage, "--config needs --host NAME");
            }

            var loaded = ClusterConfigLoader.Load(configFile.FullName);
            if (!loaded.Success)
            {
                foreach (var error in loaded.Errors)
                {
                    await Console.Error.WriteLineAsync(error.ToString());
                }

                return Usage(name, null, $"{configFile.FullName} has errors");
            }

            target = RetentionTarget.FromConfig(loaded.Config, hostName, out var hostError);
            if (target is null)
            {
                return Usage(name, null, hostError!);
            }
        }
        else if (root is not null)
        {
            if (hostName is not null)
            {
                return Usage(name, usage, "--host needs --config FILE");
            }

            if (keep is < 1)
            {
                return Usage(name, usage, $"--keep must be at least 1, got {keep}");
            }

            target = RetentionTarget.ForRoot(root.FullName, stateDir?.FullName, keep);
        }
        else
        {
            return Usage(name, usage, "give --config FILE --host NAME, or --root DIR");
        }

        return TreeRootCheck.Problem(target.Root) is { } problem ? Usage(name, null, problem) : target;
    }

    private static RetentionTarget? Usage(string name, string? usage, string message)
    {
        Console.Error.WriteLine($"dumpdist {name}: {message}");
        if (usage is not null)
        {
            Console.Error.WriteLine(usage);
        }

        return null;
    }
}
