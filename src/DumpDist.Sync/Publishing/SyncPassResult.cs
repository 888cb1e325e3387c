using DumpDist.Sync.Verification;

namespace DumpDist.Sync.Publishing;

/// <summary>The result of a pass: outcome, reason, and what each stage did.</summary>
public sealed record SyncPassResult
{
    public required SyncPassOutcome Outcome { get; init; }

    /// <summary>Why the pass did not succeed (null when it did).</summary>
    public string? Message { get; init; }

    public required DateTimeOffset Started { get; init; }
    public required DateTimeOffset Completed { get; init; }

    /// <summary>Publishable files the source listed.</summary>
    public long SourceFiles { get; init; }

    /// <summary>The stages that ran ("refetch", then "data" and "status" side by side, then "catch-up").</summary>
    public IReadOnlyList<StageReport> Stages { get; init; } = [];

    /// <summary>Seconds per step ("plan", "refetch", "data", "status", "catch-up", "publish", "verify").</summary>
    public IReadOnlyDictionary<string, double> StageSeconds { get; init; } = new Dictionary<string, double>();

    public VerificationReport Verification { get; init; } = VerificationReport.Empty;

    /// <summary>Files transferred by all stages.</summary>
    public long Files => Stages.Sum(s => s.Files);

    /// <summary>Bytes transferred by all stages.</summary>
    public long Bytes => Stages.Sum(s => s.Bytes);

    public bool Succeeded => Outcome == SyncPassOutcome.Ok;
}
