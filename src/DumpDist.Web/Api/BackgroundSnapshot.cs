using Microsoft.Extensions.Logging;

namespace DumpDist.Web.Api;

/// <summary>
/// A value built from the tree (the API's whole-tree documents) and served while the next one is built. No request
/// waits for a rebuild: the first build starts with the server, later ones start in the
/// background when a request finds the snapshot older than its lifetime or when
/// <see cref="TreeChanged"/> is called, and requests are answered from the previous snapshot
/// meanwhile. Only before the first snapshot exists does a request wait, at most
/// <c>firstWait</c>; the caller then answers 503 with Retry-After.
/// </summary>
internal sealed partial class BackgroundSnapshot<T>
    where T : class
{
    private readonly Func<CancellationToken, T> _build;
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _firstWait;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private Entry? _current;
    private Task? _building;
    private bool _changedWhileBuilding;

    public BackgroundSnapshot(Func<CancellationToken, T> build, TimeSpan lifetime, TimeSpan firstWait, TimeProvider time, ILogger logger)
    {
        _build = build;
        _lifetime = lifetime;
        _firstWait = firstWait;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completed rebuilds since start (for tests and logs).</summary>
    public int Builds { get; private set; }

    /// <summary>Starts the first build in the background.</summary>
    public void Start() => StartBuild();

    /// <summary>The tree changed (a pass published): rebuild now, in the background.</summary>
    public void TreeChanged()
    {
        lock (_gate)
        {
            if (_building is not null)
            {
                _changedWhileBuilding = true;
                return;
            }
        }

        StartBuild();
    }

    /// <summary>
    /// The current snapshot (starting a background rebuild when it is older than its lifetime), or
    /// null when the first build has not finished within the first-wait bound.
    /// </summary>
    public async Task<T?> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is null)
        {
            StartBuild();
            try
            {
                await _first.Task.WaitAsync(_firstWait, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return null;
            }

            return Volatile.Read(ref _current)?.Value;
        }

        if (_time.GetUtcNow() - current.TakenAt >= _lifetime)
        {
            StartBuild();
        }

        return current.Value;
    }

    /// <summary>Waits for the build in progress, if any (tests, shutdown).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _building ?? Task.CompletedTask;
        }
    }

    private void StartBuild()
    {
        lock (_gate)
        {
            if (_building is not null)
            {
                return;
            }

            _building = Task.Run(BuildAsync);
        }
    }

    private async Task BuildAsync()
    {
        while (true)
        {
            var started = _time.GetTimestamp();
            try
            {
                var value = _build(CancellationToken.None);
                Volatile.Write(ref _current, new Entry(value, _time.GetUtcNow()));
                Builds++;
                LogBuilt(_logger, _time.GetElapsedTime(started).TotalMilliseconds);
                _first.TrySetResult();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The previous snapshot keeps serving; the next stale request or change tries again.
                LogBuildFailed(_logger, e.Message);
            }

            lock (_gate)
            {
                if (!_changedWhileBuilding)
                {
                    _building = null;
                    return;
                }

                _changedWhileBuilding = false;
            }

            await Task.Yield();
        }
    }

    private sealed record Entry(T Value, DateTimeOffset TakenAt);

    [LoggerMessage(4110, LogLevel.Debug, "API tree snapshot rebuilt in {Milliseconds:0} ms")]
    private static partial void LogBuilt(ILogger logger, double milliseconds);

    [LoggerMessage(4111, LogLevel.Warning, "API tree snapshot could not be rebuilt ({Reason}); the previous one keeps serving")]
    private static partial void LogBuildFailed(ILogger logger, string reason);
}
