namespace DumpDist.Retention.Execution;

/// <summary>Live progress of a long pass (cleanup, capacity, compare), read by the CLI's display from another thread.</summary>
internal sealed class PassProgress
{
    private long _done;
    private long _total;
    private volatile string _phase = "starting";

    /// <summary>What the pass is doing (<c>scanning</c>, <c>removing</c>, <c>deleting</c>, <c>walking</c>).</summary>
    public string Phase => _phase;

    /// <summary>Units done in this phase.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Units this phase has, or 0 when unknown.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Starts a phase of <paramref name="total"/> units (0: unknown).</summary>
    public void Start(string phase, long total = 0)
    {
        Interlocked.Exchange(ref _done, 0);
        Interlocked.Exchange(ref _total, total);
        _phase = phase;
    }

    /// <summary>Counts <paramref name="units"/> more done.</summary>
    public void Advance(long units = 1) => Interlocked.Add(ref _done, units);
}
