namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// Exponential waits between watch attempts: <c>initial</c>, doubled per failure up to
/// <c>max</c>, back to <c>initial</c> once a watch is established. Not thread-safe: one loop owns it.
/// </summary>
internal sealed class EtcdBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public EtcdBackoff(TimeSpan initial, TimeSpan max)
    {
        _initial = initial;
        _max = max;
        _next = initial;
    }

    /// <summary>Failures since the last <see cref="Reset"/>.</summary>
    public int Failures { get; private set; }

    /// <summary>The wait before the next attempt; each call doubles the one after it, up to the maximum.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, _max.Ticks));
        Failures++;
        return delay;
    }

    public void Reset()
    {
        _next = _initial;
        Failures = 0;
    }
}
