using DumpDist.Sync.Publishing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Sync.Scheduling;

/// <summary>
/// Runs each dataset's passes on its schedule (one loop per dataset, passes of a dataset never
/// overlap), and at once when <see cref="TriggerNowAsync"/> asks (the admin API's "sync now").
/// </summary>
public sealed partial class SyncScheduler : BackgroundService
{
    private readonly SyncPass _pass;
    private readonly TimeProvider _time;
    private readonly ILogger<SyncScheduler> _logger;
    private readonly SyncMetrics? _metrics;
    private readonly Dictionary<string, DatasetLoop> _loops;

    /// <summary>A scheduler for <paramref name="datasets"/>.</summary>
    public SyncScheduler(SyncPass pass, IReadOnlyList<ScheduledDataset> datasets, TimeProvider time, ILogger<SyncScheduler> logger, SyncMetrics? metrics)
    {
        _pass = pass;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _loops = datasets.ToDictionary(d => d.Options.Dataset, d => new DatasetLoop(d), StringComparer.Ordinal);
    }

    /// <summary>
    /// Raised after each pass of a dataset (name, result), on the dataset's loop; parts that derive
    /// files from the tree (the mirrors' include lists) hook here. A throwing handler is logged.
    /// </summary>
    public event Action<string, SyncPassResult>? PassCompleted;

    /// <summary>The datasets scheduled.</summary>
    public IReadOnlyCollection<string> Datasets => _loops.Keys;

    /// <summary>The last result of each dataset that has run.</summary>
    public IReadOnlyDictionary<string, SyncPassResult> LastResults =>
        _loops.Where(kv => kv.Value.LastResult is not null).ToDictionary(kv => kv.Key, kv => kv.Value.LastResult!, StringComparer.Ordinal);

    /// <summary>The datasets whose pass is running now.</summary>
    public IReadOnlyCollection<string> Running => _loops.Where(kv => kv.Value.IsRunning).Select(kv => kv.Key).ToArray();

    /// <summary>The schedule of each dataset.</summary>
    public IReadOnlyDictionary<string, SyncSchedule> Schedules => _loops.ToDictionary(kv => kv.Key, kv => kv.Value.Scheduled.Schedule, StringComparer.Ordinal);

    /// <summary>
    /// Applies new pass options and schedules (a cluster-file edit) to the datasets already
    /// scheduled; each loop recomputes its next pass at once, a running pass finishes with its
    /// old options. Returns the names that could not be applied without a restart (datasets
    /// added or removed).
    /// </summary>
    public IReadOnlyList<string> Reschedule(IReadOnlyList<ScheduledDataset> datasets)
    {
        var unapplied = new List<string>();
        foreach (var scheduled in datasets)
        {
            if (_loops.TryGetValue(scheduled.Options.Dataset, out var loop))
            {
                loop.Replace(scheduled);
            }
            else
            {
                unapplied.Add(scheduled.Options.Dataset);
            }
        }

        unapplied.AddRange(_loops.Keys.Where(k => !datasets.Any(d => d.Options.Dataset == k)));
        return unapplied;
    }

    /// <summary>
    /// Starts a pass of <paramref name="dataset"/> (or of every dataset) now, or right after the
    /// running one, and completes with the result(s). Unknown dataset: an empty list.
    /// </summary>
    public async Task<IReadOnlyList<SyncPassResult>> TriggerNowAsync(string? dataset, CancellationToken cancellationToken)
    {
        var loops = dataset is null ? _loops.Values.ToList() : _loops.TryGetValue(dataset, out var one) ? [one] : [];
        var waits = loops.Select(l => l.Trigger().WaitAsync(cancellationToken)).ToList();
        return await Task.WhenAll(waits);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_loops.Values.Select(l => RunLoopAsync(l, stoppingToken)));

    private async Task RunLoopAsync(DatasetLoop loop, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var next = loop.Scheduled.Schedule.Next(now);
            var delay = next is { } n ? n - now : Timeout.InfiniteTimeSpan;
            if (next is { } due)
            {
                LogNextPass(_logger, loop.Scheduled.Options.Dataset, due);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var timer = Task.Delay(delay, _time, wake.Token);
            var signal = loop.Signal;
            var rescheduled = loop.Rescheduled;
            await Task.WhenAny(timer, signal, rescheduled);
            var passDue = timer.IsCompletedSuccessfully || signal.IsCompleted;
            await wake.CancelAsync();
            await timer.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (!passDue)
            {
                continue; // a new schedule: compute the next pass again
            }

            var waiting = loop.TakeWaiters();
            SyncPassResult result;
            loop.IsRunning = true;
            try
            {
                result = await _pass.RunAsync(loop.Scheduled.Options, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassCrashed(_logger, loop.Scheduled.Options.Dataset, e);
                result = new SyncPassResult { Outcome = SyncPassOutcome.RsyncFailed, Message = e.Message, Started = now, Completed = _time.GetUtcNow() };
            }

            loop.IsRunning = false;
            loop.LastResult = result;
            _metrics?.Observe(loop.Scheduled.Options.Dataset, result);
            waiting.TrySetResult(result);
            // Each handler on its own: one that throws must not keep the others from hearing of the pass.
            foreach (var handler in PassCompleted?.GetInvocationList() ?? [])
            {
                try
                {
                    ((Action<string, SyncPassResult>)handler)(loop.Scheduled.Options.Dataset, result);
                }
                catch (Exception e)
                {
                    LogPassHookFailed(_logger, loop.Scheduled.Options.Dataset, e);
                }
            }
        }
    }

    [LoggerMessage(3100, LogLevel.Debug, "Next pass of {Dataset} at {Due:O}")]
    private static partial void LogNextPass(ILogger logger, string dataset, DateTimeOffset due);

    [LoggerMessage(3101, LogLevel.Error, "Sync pass of {Dataset} crashed")]
    private static partial void LogPassCrashed(ILogger logger, string dataset, Exception exception);

    [LoggerMessage(3102, LogLevel.Error, "A pass-completed handler failed after the pass of {Dataset}")]
    private static partial void LogPassHookFailed(ILogger logger, string dataset, Exception exception);

    private sealed class DatasetLoop(ScheduledDataset scheduled)
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource<SyncPassResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _rescheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile ScheduledDataset _scheduled = scheduled;
        private volatile bool _running;

        public ScheduledDataset Scheduled => _scheduled;

        public bool IsRunning
        {
            get => _running;
            set => _running = value;
        }

        /// <summary>Completes when the schedule was replaced.</summary>
        public Task Rescheduled
        {
            get
            {
                lock (_gate)
                {
                    return _rescheduled.Task;
                }
            }
        }

        public void Replace(ScheduledDataset next)
        {
            lock (_gate)
            {
                _scheduled = next;
                var woken = _rescheduled;
                _rescheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
                woken.TrySetResult();
            }
        }

        public SyncPassResult? LastResult { get; set; }

        /// <summary>Completes when someone asks for a pass.</summary>
        public Task Signal
        {
            get
            {
                lock (_gate)
                {
                    return _signal.Task;
                }
            }
        }

        /// <summary>Asks for a pass; the task completes with the result of the next pass to start.</summary>
        public Task<SyncPassResult> Trigger()
        {
            lock (_gate)
            {
                _signal.TrySetResult();
                return _result.Task;
            }
        }

        /// <summary>Called as a pass starts: whoever asked so far gets this pass's result.</summary>
        public TaskCompletionSource<SyncPassResult> TakeWaiters()
        {
            lock (_gate)
            {
                var waiting = _result;
                _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
                _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
                return waiting;
            }
        }
    }
}
