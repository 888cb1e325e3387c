namespace DumpDist.Fixtures;

/// <summary>Live counters of a generation, safe to read from another thread while it runs.</summary>
public sealed class FixtureProgress
{
    private long files;
    private long bytes;
    private long plannedFiles;
    private long symlinks;

    /// <summary>Regular files and symlinks written so far.</summary>
    public long Files => Interlocked.Read(ref files);

    /// <summary>Bytes written so far.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Files and symlinks the plan will write in total (0 until planning is over).</summary>
    public long PlannedFiles => Interlocked.Read(ref plannedFiles);

    internal void SetPlanned(long count) => Interlocked.Exchange(ref plannedFiles, count);

    /// <summary>Symlinks written so far (included in <see cref="Files"/>).</summary>
    public long Symlinks => Interlocked.Read(ref symlinks);

    internal void AddFile(long byteCount)
    {
        Interlocked.Increment(ref files);
        Interlocked.Add(ref bytes, byteCount);
    }

    internal void AddSymlink()
    {
        Interlocked.Increment(ref files);
        Interlocked.Increment(ref symlinks);
    }
}
