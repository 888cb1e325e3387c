namespace DumpDist.Web.Drain;

/// <summary>
/// Whether this server is draining: new downloads get 503 + Retry-After and the health endpoint
/// reports it, so the balancer moves clients away, while downloads already running go on, until
/// an optional deadline after which they are cut off (clients resume elsewhere with Range).
/// </summary>
internal sealed class DrainState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private volatile bool _draining;
    private DateTimeOffset? _since;
    // One source shared by every download in flight: a drain arms its timer, an undrain disarms it.
    private CancellationTokenSource _deadline = new(Timeout.InfiniteTimeSpan, time);

    public bool IsDraining => _draining;

    public DateTimeOffset? Since
    {
        get
        {
            lock (_lock)
            {
                return _since;
            }
        }
    }

    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>Cancelled when the drain deadline passes: downloads in flight stop then.</summary>
    public CancellationToken Deadline
    {
        get
        {
            lock (_lock)
            {
                return _deadline.Token;
            }
        }
    }

    /// <summary>Starts draining; with a deadline, downloads still running after it are cut off.</summary>
    public void Start(TimeSpan? deadline = null)
    {
        lock (_lock)
        {
            _since ??= time.GetUtcNow();
            _draining = true;
            if (deadline is { } after)
            {
                _deadline.CancelAfter(after);
            }
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _since = null;
            _draining = false;
            if (_deadline.IsCancellationRequested)
            {
                _deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
            }
            else
            {
                _deadline.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }
    }
}
