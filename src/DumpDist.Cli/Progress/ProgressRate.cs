namespace DumpDist.Cli.Progress;

/// <summary>
/// Rate and time left of long work, from snapshots taken over time: the rate over the last
/// <see cref="Window"/> (so a slow start or a pause is forgotten), bytes when the work counts bytes,
/// else items. The time left is what remains of the known total at that rate.
/// </summary>
internal sealed class ProgressRate(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Queue<(long Timestamp, long Items, long Bytes)> _samples = new();
    private string? _phase;

    /// <summary>Units per second (bytes, or items when no bytes are counted); null until two samples apart in time.</summary>
    public double? PerSecond { get; private set; }

    /// <summary>True when <see cref="PerSecond"/> counts bytes.</summary>
    public bool CountsBytes { get; private set; }

    /// <summary>Time left at the current rate; null when the total or the rate is unknown.</summary>
    public TimeSpan? Remaining { get; private set; }

    public void Sample(ProgressSnapshot snapshot)
    {
        if (snapshot.Phase != _phase)
        {
            // A new phase counts something else: start over.
            _samples.Clear();
            _phase = snapshot.Phase;
        }

        var now = time.GetTimestamp();
        _samples.Enqueue((now, snapshot.Items, snapshot.Bytes));
        while (_samples.Count > 2 && time.GetElapsedTime(_samples.Peek().Timestamp, now) > Window)
        {
            _samples.Dequeue();
        }

        var first = _samples.Peek();
        var seconds = time.GetElapsedTime(first.Timestamp, now).TotalSeconds;
        CountsBytes = snapshot.Bytes > 0 || snapshot.TotalBytes > 0;
        if (seconds <= 0)
        {
            PerSecond = null;
            Remaining = null;
            return;
        }

        var (done, total, since) = CountsBytes ? (snapshot.Bytes, snapshot.TotalBytes, first.Bytes) : (snapshot.Items, snapshot.TotalItems, first.Items);
        PerSecond = Math.Max(0, done - since) / seconds;
        Remaining = total > 0 && PerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - done) / PerSecond.Value) : null;
    }
}
