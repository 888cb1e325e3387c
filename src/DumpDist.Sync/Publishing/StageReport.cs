using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// What one rsync stage did: the files it transferred (or would have, in a dry run), one by one
/// when it was itemized, else as rsync's --stats counted them.
/// </summary>
public sealed record StageReport(string Stage, RsyncResult Rsync, IReadOnlyList<ItemizedChange> Changes)
{
    /// <summary>rsync's --stats counts (empty when the stage did not ask for them).</summary>
    public RsyncStats Stats { get; init; } = new();

    /// <summary>False when the stage skipped the per-file list (nothing needed it): only <see cref="Stats"/> count.</summary>
    public bool Itemized { get; init; } = true;

    /// <summary>Regular files transferred.</summary>
    public long Files => Itemized ? Changes.Count(c => c.IsFileTransfer) : Stats.TransferredFiles ?? 0;

    /// <summary>Bytes of the files transferred (their full sizes).</summary>
    public long Bytes => Itemized ? Changes.Where(c => c.IsFileTransfer).Sum(c => c.Length) : Stats.TransferredBytes ?? 0;

    /// <summary>Files and symlinks in the stage's file list (rsync --stats), when it printed them.</summary>
    public long? SourceFiles => Stats.Files;

    /// <summary>Wall time.</summary>
    public double Seconds => Rsync.Elapsed.TotalSeconds;
}
