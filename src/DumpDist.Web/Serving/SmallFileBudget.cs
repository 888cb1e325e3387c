namespace DumpDist.Web.Serving;

/// <summary>
/// Bounds the memory that cached small-file contents may use in total. Small files (index pages,
/// checksums, status json) are most requests by count; serving them from memory saves the
/// open/fstat/read/close of every request.
/// </summary>
internal sealed class SmallFileBudget(long capacityBytes, int maxFileBytes)
{
    private long _used;

    public int MaxFileBytes { get; } = maxFileBytes;

    public bool TryReserve(long bytes)
    {
        if (Interlocked.Add(ref _used, bytes) <= capacityBytes)
        {
            return true;
        }

        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}
