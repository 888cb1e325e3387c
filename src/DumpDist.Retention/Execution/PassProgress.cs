namespace DumpDist.Retention.Execution;

/// <summary>Where a long cleanup, capacity or compare pass stands, for a progress display; updated from any thread.</summary>
internal sealed class PassProgress
{
    /// <summary>The unit of a phase that counts bytes (compare's checksums).</summary>
    public const string BytesUnit = "bytes";

    private long _done;
    private long _total;
    private long _bytes;
    private volatile string _phase = "starting";
    private volatile string _unit = "entries";

    /// <summary>What the pass is doing (<c>scanning</c>, <c>removing</c>, <c>deleting</c>, <c>walking</c>).</summary>
    public string Phase => _phase;

    /// <summary>What <see cref="Done"/> counts: <c>entries</c>, <c>runs</c>, or <see cref="BytesUnit"/>.</summary>
    public string Unit => _unit;

    /// <summary>Units done in this phase.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Units this phase has, or 0 when unknown.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Bytes handled in this phase besides its units (what the runs removed so far take), or 0.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Starts a phase of <paramref name="total"/> units (0: unknown).</summary>
    public void Start(string phase, long total = 0, string unit = "entries")
    {
        Interlocked.Exchange(ref _done, 0);
        Interlocked.Exchange(ref _total, total);
        Interlocked.Exchange(ref _bytes, 0);
        _unit = unit;
        _phase = phase;
    }

    /// <summary>Counts <paramref name="units"/> more done.</summary>
    public void Advance(long units = 1) => Interlocked.Add(ref _done, units);

    /// <summary>Counts <paramref name="bytes"/> more handled.</summary>
    public void AddBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
