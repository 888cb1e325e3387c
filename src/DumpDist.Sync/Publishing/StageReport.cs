using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Publishing;

/// <summary>What one rsync stage did: the files it transferred (or would have, in a dry run).</summary>
public sealed record StageReport(string Stage, RsyncResult Rsync, IReadOnlyList<ItemizedChange> Changes)
{
    /// <summary>Regular files transferred.</summary>
    public long Files => Changes.Count(c => c.IsFileTransfer);

    /// <summary>Bytes of the files transferred (their full sizes).</summary>
    public long Bytes => Changes.Where(c => c.IsFileTransfer).Sum(c => c.Length);

    /// <summary>Wall time.</summary>
    public double Seconds => Rsync.Elapsed.TotalSeconds;
}
