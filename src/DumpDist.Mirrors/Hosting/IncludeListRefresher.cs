using DumpDist.Mirrors.Modules;
using DumpDist.Mirrors.Rsyncd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Mirrors.Hosting;

/// <summary>
/// Keeps the include lists current: once at start (before the daemon starts), after each sync or
/// retention pass (<see cref="Request"/>), after a cluster-file change, and on an interval as a
/// backstop. Requests that arrive during a regeneration fold into one more.
/// </summary>
internal sealed class IncludeListRefresher(string root, RsyncdSupervisor rsyncd, TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _reason = "interval";

    /// <summary>The last regeneration, for tests and the status page.</summary>
    public IncludeListResult? Last { get; private set; }

    /// <summary>How many regenerations completed.</summary>
    public long Generations { get; private set; }

    /// <summary>Asks for a regeneration soon (a sync or retention pass finished, the config changed).</summary>
    public void Request(string reason)
    {
        lock (_gate)
        {
            _reason = reason;
            _signal.TrySetResult();
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync("start", cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Regenerates now; a failure is logged and the previous lists stay.</summary>
    public async Task<IncludeListResult?> RefreshAsync(string reason, CancellationToken cancellationToken)
    {
        try
        {
            var result = await IncludeListWriter.WriteAsync(root, rsyncd.Paths, rsyncd.Settings.KeepRuns, time.GetUtcNow(), cancellationToken);
            Last = result;
            Generations++;
            RsyncdLog.IncludeListsWritten(logger, reason, result.Written, result.Wikis, (long)result.Elapsed.TotalMilliseconds);
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RsyncdLog.IncludeListsFailed(logger, ex, reason);
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Task signal;
            lock (_gate)
            {
                signal = _signal.Task;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var timer = Task.Delay(interval, time, wake.Token);
            await Task.WhenAny(timer, signal);
            await wake.CancelAsync();
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            string reason;
            lock (_gate)
            {
                reason = _signal.Task.IsCompleted ? _reason : "interval";
                if (_signal.Task.IsCompleted)
                {
                    _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            await RefreshAsync(reason, stoppingToken);
        }
    }
}
