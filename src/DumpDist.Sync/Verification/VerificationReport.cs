namespace DumpDist.Sync.Verification;

/// <summary>The outcome of verifying a set of files.</summary>
public sealed record VerificationReport
{
    /// <summary>Nothing checked.</summary>
    public static VerificationReport Empty { get; } = new();

    /// <summary>Files that matched their published digest (and size).</summary>
    public int Good { get; init; }

    /// <summary>Files found good in the cache without reading them.</summary>
    public int CacheHits { get; init; }

    /// <summary>Files with no published digest (counted, not failures).</summary>
    public int NoChecksum { get; init; }

    /// <summary>Bytes read to hash.</summary>
    public long BytesRead { get; init; }

    /// <summary>Every failure.</summary>
    public IReadOnlyList<VerifyProblem> Problems { get; init; } = [];

    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => Problems.Count == 0;
}
