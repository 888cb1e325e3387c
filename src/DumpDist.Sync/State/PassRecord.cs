namespace DumpDist.Sync.State;

/// <summary>One pass as recorded in the state database.</summary>
public sealed record PassRecord
{
    public required string Dataset { get; init; }
    public required string Host { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset Started { get; init; }
    public required DateTimeOffset Completed { get; init; }

    /// <summary>"ok", "refused", "rsync-failed", "verify-failed", "cancelled".</summary>
    public required string Outcome { get; init; }
    public string? Message { get; init; }

    /// <summary>Publishable files the source listed (the guard's baseline for the next pass).</summary>
    public long SourceFiles { get; init; }
    public long Files { get; init; }
    public long Bytes { get; init; }
    public double Stage1Seconds { get; init; }
    public double Stage2Seconds { get; init; }
    public double VerifySeconds { get; init; }
    public int VerifyFailures { get; init; }
}
