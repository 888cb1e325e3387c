using Microsoft.Extensions.Hosting;

namespace DumpDist.Core.Configuration.Source;

/// <summary>
/// Polls the cluster file for changes (every two seconds by default) and lets the source reload
/// it. Polling rather than inotify: it works the same on configuration-management renames,
/// bind mounts and network filesystems, and costs one stat.
/// </summary>
public sealed class ClusterConfigWatcher(IClusterConfigSource source, TimeProvider time, ClusterConfigWatcherOptions options) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                source.ReloadIfChanged();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
