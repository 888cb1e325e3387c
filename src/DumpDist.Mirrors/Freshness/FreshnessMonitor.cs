using DumpDist.Core.Configuration;
using DumpDist.Core.IO;
using DumpDist.Mirrors.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Mirrors.Freshness;

/// <summary>
/// Checks every active mirror on a schedule against this host's trace, records the results in
/// state and metrics, and rewrites the public mirrors page (HTML and JSON at the web root).
/// Between rounds it reads this host's trace every <see cref="TracePoll"/>: when the trace changes
/// (the first one, or a sync brought new runs) the mirrors are checked again at once, since a
/// verdict against our old trace no longer says whether they are current. The interval is asked
/// again at each of those reads, so a reloaded <c>mirror_check_interval</c> applies to the round in wait.
/// </summary>
internal sealed class FreshnessMonitor(
    MirrorChecker checker, MirrorCheckState state, Func<IReadOnlyList<MirrorConfig>> registry, string publicDirectory, MirrorMetrics? metrics, Func<TimeSpan> interval, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>How often our trace is read between rounds (one small file).</summary>
    public static readonly TimeSpan TracePoll = TimeSpan.FromSeconds(2);

    private bool _noTraceLogged;
    private string? _checkedDigest;

    /// <summary>The last check of each mirror (what downloads may be sent to).</summary>
    public MirrorCheckState State => state;

    /// <summary>Runs one round: check, record, publish. Null when this host has no trace yet.</summary>
    public async Task<IReadOnlyList<MirrorCheckResult>?> CheckNowAsync(CancellationToken cancellationToken)
    {
        var ours = MirrorTrace.TryParse(await AtomicFile.TryReadAllTextAsync(Path.Combine(publicDirectory, MirrorTrace.FileName), cancellationToken));
        if (ours is null)
        {
            // Logged once per absence: the trace is looked at again every few seconds.
            _checkedDigest = null;
            if (!_noTraceLogged)
            {
                FreshnessLog.NoTrace(logger, publicDirectory);
                _noTraceLogged = true;
            }

            return null;
        }

        _noTraceLogged = false;
        _checkedDigest = ours.Digest;
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
            try
            {
                await CheckNowAsync(stoppingToken);
            }
            catch (IOException ex)
            {
                FreshnessLog.Failed(logger, ex);
            }

            await WaitForNextRoundAsync(stoppingToken);
        }
    }

    /// <summary>Until the current interval has passed since the last round or our trace differs from the one last checked against.</summary>
    private async Task WaitForNextRoundAsync(CancellationToken stoppingToken)
    {
        var lastRound = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var left = lastRound + interval() - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < TracePoll ? left : TracePoll, time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            var ours = MirrorTrace.TryParse(await AtomicFile.TryReadAllTextAsync(Path.Combine(publicDirectory, MirrorTrace.FileName), CancellationToken.None));
            if (ours?.Digest != _checkedDigest)
            {
                return;
            }
        }
    }
}
