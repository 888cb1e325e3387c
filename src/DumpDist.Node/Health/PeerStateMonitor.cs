using System.Collections.Concurrent;
using DumpDist.Core.Cluster;
using DumpDist.Node.Admin;
using Microsoft.Extensions.Hosting;

namespace DumpDist.Node.Health;

/// <summary>
/// Reads every peer's state every few seconds, for the freshness rule of the health endpoints,
/// the failover guards and the status page. A peer that does not answer is remembered as such.
/// </summary>
internal sealed class PeerStateMonitor(Func<IReadOnlyDictionary<string, AdminClient>> peers, TimeProvider time, TimeSpan interval) : BackgroundService
{
    private readonly ConcurrentDictionary<string, PeerObservation> _last = new(StringComparer.Ordinal);

    /// <summary>The last observation of each peer.</summary>
    public IReadOnlyDictionary<string, PeerObservation> Last => _last;

    /// <summary>Reads every peer now.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var current = peers();
        foreach (var gone in _last.Keys.Except(current.Keys).ToList())
        {
            _last.TryRemove(gone, out _);
        }

        await Task.WhenAll(current.Select(async p =>
        {
            var result = await p.Value.StateAsync(cancellationToken);
            _last[p.Key] = new PeerObservation(p.Key, result.Value, result.Ok ? null : result.Error, time.GetUtcNow());
        }));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await PollAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
