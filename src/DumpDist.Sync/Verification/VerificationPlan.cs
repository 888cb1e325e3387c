namespace DumpDist.Sync.Verification;

/// <summary>The files to check, plus what was already found wrong while planning.</summary>
public sealed record VerificationPlan(IReadOnlyList<VerifyItem> Items, IReadOnlyList<VerifyProblem> Problems, int NoChecksum)
{
    /// <summary>Total bytes the plan may read (for progress).</summary>
    public long TotalBytes => Items.Sum(i => TryLength(i.FullPath));

    private static long TryLength(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}
