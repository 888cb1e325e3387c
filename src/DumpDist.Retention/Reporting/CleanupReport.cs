namespace DumpDist.Retention.Reporting;

/// <summary>What one cleanup pass did (or, in a dry run, would do) to one tree.</summary>
public sealed record CleanupReport
{
    /// <summary>The host cleaned (the machine's name in the one-off form).</summary>
    public required string Host { get; init; }

    /// <summary>The tree root (the directory holding <c>public/</c>).</summary>
    public required string Root { get; init; }

    /// <summary>True when nothing was changed.</summary>
    public bool DryRun { get; init; }

    /// <summary>When the pass started.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>When the pass completed.</summary>
    public DateTimeOffset Completed { get; init; }

    /// <summary>Wikis and other datasets seen.</summary>
    public int Wikis { get; init; }

    /// <summary>Other datasets seen.</summary>
    public int OtherDatasets { get; init; }

    /// <summary>Removals, in path order, then leftovers of earlier passes.</summary>
    public IReadOnlyList<CleanupItem> Items { get; init; } = [];

    /// <summary>Entries kept by a guard although the rules would remove them.</summary>
    public IReadOnlyList<CleanupHold> Held { get; init; } = [];

    /// <summary>Problems that stopped a decision (e.g. an unreadable dumpstatus.json: that run is kept).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Datasets not cleaned because a sync pass holds their lock.</summary>
    public IReadOnlyList<string> Refusals { get; init; } = [];

    /// <summary>Rules that could not apply (informational).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Bytes deleted (or that would be) from disk.</summary>
    public long BytesFreed => Items.Where(i => i.Outcome is CleanupOutcomes.Removed or CleanupOutcomes.WouldRemove).Sum(i => i.Bytes);

    /// <summary>Entries removed (or that would be), leftovers included.</summary>
    public int Removed => Items.Count(i => i.Outcome is CleanupOutcomes.Removed or CleanupOutcomes.WouldRemove);

    /// <summary>True when the pass found nothing wrong: no refusal, no problem, no failed removal.</summary>
    public bool Succeeded => Refusals.Count == 0 && Problems.Count == 0 && Items.All(i => i.Outcome is CleanupOutcomes.Removed or CleanupOutcomes.WouldRemove);
}
