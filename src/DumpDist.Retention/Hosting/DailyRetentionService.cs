using DumpDist.Core.Configuration.Source;
using DumpDist.Retention.Capacity;
using DumpDist.Retention.Execution;
using DumpDist.Retention.Reporting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Retention.Hosting;

/// <summary>
/// The node's daily cleanup: at <see cref="RetentionHostOptions.TimeOfDay"/> (UTC, on the injected
/// clock) it reads the current cluster-file snapshot, cleans this host's tree under the sync locks,
/// raises <see cref="PassCompleted"/>, then measures capacity for the metrics.
/// </summary>
public sealed partial class DailyRetentionService : BackgroundService
{
    private readonly IClusterConfigSource _config;
    private readonly RetentionHostOptions _options;
    private readonly TimeProvider _time;
    private readonly RetentionMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>A daily pass for the host in <paramref name="options"/>.</summary>
    public DailyRetentionService(IClusterConfigSource config, RetentionHostOptions options, TimeProvider time, RetentionMetrics metrics, ILogger<DailyRetentionService> logger)
    {
        _config = config;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>
    /// Raised after each pass that removed something, e.g. to regenerate the rsync modules' "last N good
    /// runs" include lists. Each handler is called on its own: one that throws is logged, the others still run.
    /// </summary>
    public event Action<CleanupReport>? PassCompleted;

    /// <summary>The report of the last pass, if one ran.</summary>
    public CleanupReport? LastReport { get; private set; }

    /// <summary>When the next scheduled pass is due, once the service waits for it.</summary>
    public DateTimeOffset? NextPass { get; private set; }

    /// <summary>The next time a pass is due after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeSpan timeOfDay)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + timeOfDay;
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Runs a pass now (or right after the running one); null when the host or tree cannot be cleaned.</summary>
    public async Task<CleanupReport?> RunNowAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RunPassAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.CapacityAtStart && Target() is { } target)
        {
            await MeasureAsync(target, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var due = NextRun(now, _options.TimeOfDay);
            LogNextPass(_logger, due);
            try
            {
                var delay = Task.Delay(due - now, _time, stoppingToken);
                NextPass = due;
                await delay;
                await RunNowAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private async Task<CleanupReport?> RunPassAsync(CancellationToken cancellationToken)
    {
        if (Target() is not { } target)
        {
            _metrics.ObserveError();
            return null;
        }

        CleanupReport report;
        try
        {
            report = await Task.Run(() => new CleanupExecutor(_time, _logger).Run(target, dryRun: false, null, cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Logged and counted, never thrown: a failed pass must not stop the node (a BackgroundService's
            // exception stops the host); the next day's pass finishes what this one left in the trash.
            LogPassFailed(_logger, e.Message);
            _metrics.ObserveError();
            return null;
        }

        LastReport = report;
        _metrics.ObserveCleanup(report);
        if (report.Removed > 0)
        {
            foreach (var handler in PassCompleted?.GetInvocationList() ?? [])
            {
                try
                {
                    ((Action<CleanupReport>)handler)(report);
                }
                catch (Exception e)
                {
                    LogHandlerFailed(_logger, e);
                }
            }
        }

        await MeasureAsync(target, cancellationToken);
        return report;
    }

    private async Task MeasureAsync(RetentionTarget target, CancellationToken cancellationToken)
    {
        try
        {
            var capacity = await Task.Run(() => new CapacityAnalyzer(_time).Analyze(target, null, cancellationToken), cancellationToken);
            _metrics.ObserveCapacity(capacity);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPassFailed(_logger, e.Message);
        }
    }

    /// <summary>This host's tree from the current snapshot; null (logged) when it cannot be cleaned.</summary>
    private RetentionTarget? Target()
    {
        var target = RetentionTarget.FromConfig(_config.Current, _options.HostName, out var error);
        if (target is not null && TreeRootCheck.Problem(target.Root) is { } problem)
        {
            error = problem;
            target = null;
        }

        if (target is null)
        {
            LogCannotClean(_logger, error!);
        }

        return target;
    }

    [LoggerMessage(7110, LogLevel.Debug, "Next cleanup pass at {Due:O}")]
    private static partial void LogNextPass(ILogger logger, DateTimeOffset due);

    [LoggerMessage(7111, LogLevel.Error, "Cleanup cannot run: {Problem}")]
    private static partial void LogCannotClean(ILogger logger, string problem);

    [LoggerMessage(7112, LogLevel.Error, "Cleanup pass failed: {Message}")]
    private static partial void LogPassFailed(ILogger logger, string message);

    [LoggerMessage(7113, LogLevel.Error, "A handler of the cleanup pass failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
