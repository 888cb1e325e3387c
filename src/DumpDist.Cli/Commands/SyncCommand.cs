using System.CommandLine;
using System.Globalization;
using DumpDist.Cli.Progress;
using DumpDist.Sync.Publishing;
using DumpDist.Sync.Scheduling;
using DumpDist.Sync.State;
using DumpDist.Sync.Transport;
using Microsoft.Extensions.Logging;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist sync (--config FILE --host NAME | --source URL|DIR --dest DIR) [--once] [--dry-run] [--bwlimit RATE]`.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster YAML file." };
        var host = new Option<string>("--host") { Description = "This host's name in the cluster file." };
        var dataset = new Option<string>("--dataset") { Description = "Sync only this dataset (config form; default: all)." };
        var source = new Option<string>("--source") { Description = "One-off form: rsync://host[:port]/module/path or a local directory." };
        var dest = new Option<DirectoryInfo>("--dest") { Description = "One-off form: the directory to keep current." };
        var once = new Option<bool>("--once") { Description = "Run one pass and exit (default: keep running on the schedule)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what a pass would change (rsync -n --itemize-changes); change nothing." };
        var bwlimit = SizeOption.KiB("--bwlimit", "Bandwidth limit for rsync in KiB/s (0 = unlimited), as the cluster file's source.bwlimit.");
        var stateDir = new Option<DirectoryInfo>("--state-dir") { Description = "One-off form: where the lock and sync.db live (default ~/.local/state/dumpdist/<dest>)." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip verifying new and changed files after the pass." };
        var interval = new Option<TimeSpan>("--interval") { Description = "One-off form without --once: time between passes.", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
        var command = new Command("sync", "Pull the canonical tree: data first, status and index files after, verified.")
        {
            config, host, dataset, source, dest, once, dryRun, bwlimit, stateDir, noVerify, interval,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configFile = parseResult.GetValue(config);
            var sourceValue = parseResult.GetValue(source);
            var destValue = parseResult.GetValue(dest);
            var bw = parseResult.GetValue(bwlimit)?.ToString(CultureInfo.InvariantCulture);

            using var signals = new TerminationSignals(cancellationToken);
            cancellationToken = signals.Token;
            using var loggerFactory = CliLogging.Create();
            if (configFile is not null)
            {
                if (sourceValue is not null || destValue is not null)
                {
                    return Usage("use either --config FILE --host NAME or --source URL|DIR --dest DIR, not both");
                }

                if (parseResult.GetValue(host) is not { } hostName)
                {
                    return Usage("--config needs --host NAME");
                }

                return await SyncFromConfig.RunAsync(configFile, hostName, parseResult.GetValue(dataset), parseResult.GetValue(once), parseResult.GetValue(dryRun), bw, !parseResult.GetValue(noVerify), loggerFactory, cancellationToken);
            }

            if (sourceValue is null || destValue is null)
            {
                return Usage("give --config FILE --host NAME, or --source URL|DIR and --dest DIR");
            }

            if (RsyncEndpoint.TryParse(sourceValue, out var error) is not { } endpoint)
            {
                return Usage($"--source: {error}");
            }

            if (!endpoint.IsDaemon && !Directory.Exists(endpoint.Value))
            {
                await Console.Error.WriteLineAsync($"dumpdist sync: --source directory {endpoint.Value} does not exist");
                return ExitCodes.ProblemFound;
            }

            var destination = destValue.FullName;
            var options = new SyncPassOptions
            {
                Dataset = "default",
                Host = Environment.MachineName,
                Source = endpoint,
                Destination = destination,
                TraceRoot = destination,
                StateDirectory = parseResult.GetValue(stateDir)?.FullName ?? StateDirectories.DefaultFor(destination),
                Transfer = new RsyncTransferOptions { BandwidthLimit = bw },
                DryRun = parseResult.GetValue(dryRun),
                Verify = !parseResult.GetValue(noVerify),
            };
            var pass = new SyncPass(new RsyncRunner(), TimeProvider.System, loggerFactory.CreateLogger("dumpdist.sync"));
            if (parseResult.GetValue(once) || options.DryRun)
            {
                return await RunPassAsync(pass, options, cancellationToken);
            }

            // The same scheduler the node runs, with one dataset on a fixed interval.
            var schedule = new ScheduledDataset(options, SyncSchedule.Every(parseResult.GetValue(interval)));
            return await SyncFromConfig.RunScheduledAsync(pass, [schedule], loggerFactory, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs one pass and prints its outcome; returns the exit code.</summary>
    public static async Task<int> RunPassAsync(SyncPass pass, SyncPassOptions options, CancellationToken cancellationToken)
    {
        var progress = new SyncProgress();
        var result = await ProgressDisplay.RunAsync($"sync {options.Dataset}", ProgressSources.Of(progress), () => pass.RunAsync(options with { Progress = progress }, cancellationToken));
        if (options.DryRun)
        {
            foreach (var change in result.Stages.SelectMany(s => s.Changes))
            {
                await Console.Out.WriteLineAsync($"{change.Itemize} {change.Path}");
            }
        }

        var seconds = string.Join(", ", result.StageSeconds.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F1}s")));
        if (result.Succeeded)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"sync {options.Dataset}: ok{(options.DryRun ? " (dry run)" : string.Empty)}, {result.Files} files, {result.Bytes} bytes, source has {result.SourceFiles} files ({seconds})"));
            return ExitCodes.Success;
        }

        await Console.Error.WriteLineAsync($"dumpdist sync {options.Dataset}: {result.Outcome.ToName()}: {result.Message}");
        foreach (var problem in result.Verification.Problems)
        {
            await Console.Error.WriteLineAsync($"  {problem.Kind}: {problem.Path}: {problem.Message}");
        }

        return ExitCodes.ProblemFound;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"dumpdist sync: {message}");
        Console.Error.WriteLine("Usage: dumpdist sync (--config FILE --host NAME | --source URL|DIR --dest DIR) [--once] [--dry-run] [--bwlimit RATE]");
        return ExitCodes.UsageOrConfig;
    }
}
