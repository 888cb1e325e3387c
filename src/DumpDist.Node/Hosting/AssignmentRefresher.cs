using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration.Source;
using DumpDist.Node.Assignments;
using Microsoft.Extensions.Hosting;

namespace DumpDist.Node.Hosting;

/// <summary>
/// Pulls the newest assignments when the node starts (it may have missed epochs while down) and
/// every refresh interval; applies the cluster file's new defaults while no change was ever made.
/// </summary>
internal sealed class AssignmentRefresher(IAssignmentStore store, IClusterConfigSource config, TimeProvider time, TimeSpan interval) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = config.Subscribe((previous, current) => store.UpdateDefaults(AssignmentDefaults.From(current)));
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await store.RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
