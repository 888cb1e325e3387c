using System.Collections.Concurrent;
using DumpDist.Nfs.Metrics;
using Microsoft.Extensions.Hosting;

namespace DumpDist.Nfs.Probe;

/// <summary>
/// Probes every serving host's NFS server on a schedule (on a node: its own and its peers'),
/// keeping the last result per server for the status page and the <c>dumpdist_nfs_probe_*</c> gauges.
/// </summary>
public sealed class NfsProbeMonitor(
    IReadOnlyDictionary<string, NfsEndpoint> servers,
    TimeSpan interval,
    TimeSpan timeout,
    NfsProbe probe,
    NfsMetrics metrics,
    TimeProvider timeProvider) : BackgroundService
{
    private readonly ConcurrentDictionary<string, ProbeResult> _last = new(StringComparer.Ordinal);

    /// <summary>The last result per server name.</summary>
    public IReadOnlyDictionary<string, ProbeResult> Last => _last;

    /// <summary>Probes every server once.</summary>
    public async Task ProbeAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(servers.Select(async server =>
        {
            var result = await probe.ProbeAsync(server.Value, timeout, cancellationToken);
            _last[server.Key] = result;
            metrics.SetProbe(server.Key, result.IsUp, result.IsUp ? result.Latency : null);
        }));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        do
        {
            await ProbeAllAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
