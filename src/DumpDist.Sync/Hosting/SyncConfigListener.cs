using DumpDist.Core.Configuration.Source;
using DumpDist.Sync.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Sync.Hosting;

/// <summary>Applies cluster-file edits to the running scheduler: schedules, sources, bandwidth limits.</summary>
internal sealed partial class SyncConfigListener(IClusterConfigSource config, SyncScheduler scheduler, SyncHostOptions options, ILogger<SyncConfigListener> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = config.Subscribe((previous, current) =>
        {
            var unapplied = scheduler.Reschedule(SyncServiceCollectionExtensions.Schedules(current, options));
            if (unapplied.Count > 0)
            {
                LogRestartNeeded(logger, string.Join(", ", unapplied));
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(3201, LogLevel.Warning, "Datasets added or removed in the cluster file ({Datasets}) take effect at the next restart")]
    private static partial void LogRestartNeeded(ILogger logger, string datasets);
}
