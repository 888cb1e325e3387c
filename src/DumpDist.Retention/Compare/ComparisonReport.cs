namespace DumpDist.Retention.Compare;

/// <summary>What <c>dumpdist compare</c> found.</summary>
internal sealed record ComparisonReport
{
    public required string A { get; init; }

    public required string B { get; init; }

    public long EntriesA { get; init; }

    public long EntriesB { get; init; }

    public IReadOnlyList<Difference> Differences { get; init; } = [];

    /// <summary>True when contents were compared (<c>--checksums</c>).</summary>
    public bool Checksums { get; init; }

    /// <summary>Files whose content was compared.</summary>
    public int ContentChecked { get; init; }

    /// <summary>Files on both sides whose content could not be compared (a remote side publishes no sum for them).</summary>
    public int ContentUnchecked { get; init; }

    public double Seconds { get; init; }

    /// <summary>Exit 0 only when this holds.</summary>
    public bool Identical => Differences.Count == 0;
}
