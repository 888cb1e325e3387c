using DumpDist.Core.Configuration;
using DumpDist.Core.IO;
using DumpDist.Mirrors.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Mirrors.Freshness;

/// <summary>
/// Checks every active mirror on a schedule against this host's trace, records the results in
/// state and metrics, and rewrites the public mirrors page (HTML and JSON at the web root).
/// Until this host has a trace (a new host before its first sync) it looks again every
/// <see cref="NoTraceRetry"/>, so the first page follows the first sync instead of a whole interval later.
/// </summary>
internal sealed class FreshnessMonitor(
    MirrorChecker checker, MirrorCheckState state, Func<IReadOnlyList<MirrorConfig>> registry, string publicDirectory, MirrorMetrics? metrics, TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>How soon a round that found no trace of ours is tried again (at most the interval).</summary>
    public static readonly TimeSpan NoTraceRetry = TimeSpan.FromSeconds(2);

    private bool _noTraceLogged;

    /// <summary>The last check of each mirror (what downloads may be sent to).</summary>
    public MirrorCheckState State => state;

    /// <summary>Runs one round: check, record, publish. Null when this host has no trace yet.</summary>
    public async Task<IReadOnlyList<MirrorCheckResult>?> CheckNowAsync(CancellationToken cancellationToken)
    {
        var ours = MirrorTrace.TryParse(await AtomicFile.TryReadAllTextAsync(Path.Combine(publicDirectory, MirrorTrace.FileName), cancellationToken));
        if (ours is null)
        {
            // Logged once per absence: the retry comes every few seconds.
            if (!_noTraceLogged)
            {
                FreshnessLog.NoTrace(logger, publicDirectory);
                _noTraceLogged = true;
            }

            return null;
        }

        _noTraceLogged = false;

        var mirrors = registry();
        var results = await checker.CheckAllAsync(mirrors, ours, cancellationToken);
        await state.RecordAsync(results, cancellationToken);
        var now = time.GetUtcNow();
        var known = state.Mirrors;
        foreach (var result in results)
        {
            metrics?.SetFreshness(result, known.GetValueOrDefault(result.Name)?.LastSeenFresh);
            FreshnessLog.Checked(logger, result.Name, MirrorsPage.Name(result.Status), result.Detail);
        }

        await AtomicFile.WriteAllTextAsync(Path.Combine(publicDirectory, MirrorsPage.HtmlFileName), MirrorsPage.Html(mirrors, known, now), cancellationToken);
        await AtomicFile.WriteAllTextAsync(Path.Combine(publicDirectory, MirrorsPage.JsonFileName), MirrorsPage.Json(mirrors, known, now), cancellationToken);
        return results;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await state.LoadAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                if (await CheckNowAsync(stoppingToken) is null && NoTraceRetry < interval)
                {
                    wait = NoTraceRetry;
                }
            }
            catch (IOException ex)
            {
                FreshnessLog.Failed(logger, ex);
            }

            await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }
}
