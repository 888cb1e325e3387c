namespace DumpDist.Web.Drain;

/// <summary>
/// Whether this server is draining: new downloads get 503 + Retry-After and the health endpoint
/// reports it, so the balancer moves clients away, while downloads already running go on.
/// </summary>
internal sealed class DrainState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private volatile bool _draining;
    private DateTimeOffset? _since;

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

    public void Start()
    {
        lock (_lock)
        {
            _since ??= time.GetUtcNow();
            _draining = true;
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _since = null;
            _draining = false;
        }
    }
}
