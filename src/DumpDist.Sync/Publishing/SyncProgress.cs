namespace DumpDist.Sync.Publishing;

/// <summary>
/// Where a sync pass stands, for a progress display; updated from any thread. While rsync runs the
/// totals are unknown (rsync learns them as it goes); verification knows them from its plan.
/// </summary>
public sealed class SyncProgress
{
    private long _files;
    private long _bytes;
    private long _totalFiles;
    private long _totalBytes;
    private volatile string _phase = "starting";

    /// <summary><c>transferring</c> or <c>verifying</c>.</summary>
    public string Phase => _phase;

    public long Files => Interlocked.Read(ref _files);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Files this phase has, or 0 when unknown.</summary>
    public long TotalFiles => Interlocked.Read(ref _totalFiles);

    /// <summary>Bytes this phase has, or 0 when unknown.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <summary>Starts a phase (totals 0: unknown).</summary>
    public void Start(string phase, long totalFiles = 0, long totalBytes = 0)
    {
        Interlocked.Exchange(ref _files, 0);
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _totalFiles, totalFiles);
        Interlocked.Exchange(ref _totalBytes, totalBytes);
        _phase = phase;
    }

    /// <summary>Counts one file more done.</summary>
    public void AddFile() => Interlocked.Increment(ref _files);

    /// <summary>Counts <paramref name="bytes"/> more done.</summary>
    public void AddBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
