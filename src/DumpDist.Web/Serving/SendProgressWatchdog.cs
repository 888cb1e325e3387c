namespace DumpDist.Web.Serving;

/// <summary>
/// Cuts off a download whose client has taken no bytes for the client timeout. Progress is read
/// from a counter (bytes the peer acknowledged, or bytes handed to Kestrel on the copying path)
/// every quarter of the timeout, so a slow but steady client is never cut off however long one
/// send takes, and one long sendfile(2) needs no re-arming per piece.
/// </summary>
/// <remarks>
/// While the transfer waits for its QoS grant the watchdog is paused: waiting our turn is not the
/// client stalling. Resuming restarts the clock from that moment.
/// </remarks>
internal sealed class SendProgressWatchdog : IDisposable
{
    private static readonly TimeSpan MinPeriod = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromSeconds(15);

    private readonly Func<long> _progress;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly Action _stalled;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _lastProgress;
    private long _lastChange;
    private bool _paused;
    private bool _fired;

    public SendProgressWatchdog(Func<long> progress, TimeSpan timeout, TimeProvider time, Action stalled)
    {
        _progress = progress;
        _timeout = timeout;
        _time = time;
        _stalled = stalled;
        _lastProgress = progress();
        _lastChange = time.GetTimestamp();
        var period = Period(timeout);
        _timer = time.CreateTimer(static state => ((SendProgressWatchdog)state!).Check(), this, period, period);
    }

    /// <summary>True once the client was found stalled and <c>stalled</c> ran.</summary>
    public bool Fired => Volatile.Read(ref _fired);

    /// <summary>How often progress is read: a quarter of the timeout, within [250 ms, 15 s].</summary>
    public static TimeSpan Period(TimeSpan timeout) =>
        TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, MinPeriod.Ticks, MaxPeriod.Ticks));

    /// <summary>Stops counting (the transfer waits for its grant).</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _paused = true;
        }
    }

    /// <summary>Counts again from now.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _paused = false;
            _lastProgress = _progress();
            _lastChange = _time.GetTimestamp();
        }
    }

    internal void Check()
    {
        lock (_gate)
        {
            if (_paused || _fired)
            {
                return;
            }

            var progress = _progress();
            if (progress != _lastProgress)
            {
                _lastProgress = progress;
                _lastChange = _time.GetTimestamp();
                return;
            }

            if (_time.GetElapsedTime(_lastChange) < _timeout)
            {
                return;
            }

            _fired = true;
        }

        _timer.Dispose();
        _stalled();
    }

    public void Dispose() => _timer.Dispose();
}
