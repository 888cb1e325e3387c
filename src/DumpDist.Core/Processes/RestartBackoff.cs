namespace DumpDist.Core.Processes;

/// <summary>
/// The wait before each restart: <c>initial</c>, doubling per consecutive failure up to
/// <c>max</c>; a run of at least <c>stableAfter</c> counts as healthy and starts over.
/// </summary>
internal sealed class RestartBackoff
{
    private readonly TimeSpan _initial;
    private readonly long _capTicks;
    private readonly TimeSpan _stableAfter;
    private TimeSpan _next;

    public RestartBackoff(TimeSpan initial, TimeSpan max, TimeSpan stableAfter)
    {
        _initial = _next = initial;
        _capTicks = Math.Max(max.Ticks, initial.Ticks);
        _stableAfter = stableAfter;
    }

    /// <summary>The wait after a child ran for <paramref name="uptime"/> and exited.</summary>
    public TimeSpan AfterExit(TimeSpan uptime)
    {
        if (uptime >= _stableAfter)
        {
            _next = _initial;
        }

        return Take();
    }

    /// <summary>The wait after a start failed.</summary>
    public TimeSpan AfterStartFailure() => Take();

    /// <summary>Starts over (after a requested restart).</summary>
    public void Reset() => _next = _initial;

    private TimeSpan Take()
    {
        var wait = _next;
        _next = TimeSpan.FromTicks(_next.Ticks >= _capTicks / 2 ? _capTicks : Math.Max(_next.Ticks * 2, 1));
        return wait;
    }
}
