using DumpDist.Core.Configuration;
using DumpDist.Sync.Publishing;
using DumpDist.Sync.Scheduling;
using DumpDist.Sync.Transport;
using Microsoft.Extensions.Logging;

namespace DumpDist.Cli.Commands;

/// <summary>The `--config FILE --host NAME` form of `dumpdist sync`.</summary>
internal static class SyncFromConfig
{
    public static async Task<int> RunAsync(
        FileInfo configFile,
        string host,
        string? dataset,
        bool once,
        bool dryRun,
        string? bandwidthLimit,
        bool verify,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var loaded = ClusterConfigLoader.Load(configFile.FullName);
        if (!loaded.Success)
        {
            foreach (var error in loaded.Errors)
            {
                await Console.Error.WriteLineAsync(error.ToString());
            }

            return ExitCodes.UsageOrConfig;
        }

        if (DatasetPasses.For(loaded.Config, host, dataset, out var planError) is not { } passes)
        {
            await Console.Error.WriteLineAsync($"dumpdist sync: {planError}");
            return ExitCodes.UsageOrConfig;
        }

        passes = passes.Select(p => p with
        {
            DryRun = dryRun,
            Verify = verify,
            Transfer = bandwidthLimit is null ? p.Transfer : p.Transfer with { BandwidthLimit = bandwidthLimit },
        }).ToList();
        var pass = new SyncPass(new RsyncRunner(), TimeProvider.System, loggerFactory.CreateLogger("dumpdist.sync"));
        if (once || dryRun)
        {
            var exit = ExitCodes.Success;
            foreach (var options in passes)
            {
                exit = Math.Max(exit, await SyncCommand.RunPassAsync(pass, options, cancellationToken));
            }

            return exit;
        }

        return await RunScheduledAsync(pass, SyncSchedules.For(loaded.Config, host, passes), loggerFactory, cancellationToken);
    }

    /// <summary>Runs <paramref name="schedules"/> on the node's scheduler until cancelled (SIGTERM stops a running pass cleanly).</summary>
    public static async Task<int> RunScheduledAsync(SyncPass pass, IReadOnlyList<ScheduledDataset> schedules, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        using var scheduler = new SyncScheduler(pass, schedules, TimeProvider.System, loggerFactory.CreateLogger<SyncScheduler>(), metrics: null);
        await scheduler.StartAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await scheduler.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
