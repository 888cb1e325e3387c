using DumpDist.Retention.Hosting;
using DumpDist.Sync.Scheduling;
using DumpDist.Web.Hosting;
using Microsoft.Extensions.Hosting;

namespace DumpDist.Node.Hosting;

/// <summary>
/// Tells the web's API that the tree changed after a sync pass or a retention pass, so its
/// whole-tree snapshot is rebuilt then (in the background) rather than when a request finds it old.
/// </summary>
internal sealed class WebTreeChangeFollower(WebHostedService web, SyncScheduler sync, DailyRetentionService retention) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        sync.PassCompleted += OnSyncPass;
        retention.PassCompleted += OnRetentionPass;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        sync.PassCompleted -= OnSyncPass;
        retention.PassCompleted -= OnRetentionPass;
        return Task.CompletedTask;
    }

    private void OnSyncPass(string dataset, Sync.Publishing.SyncPassResult result) => web.TreeChanged();

    private void OnRetentionPass(Retention.Reporting.CleanupReport report) => web.TreeChanged();
}
