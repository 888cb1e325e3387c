using DumpDist.Retention.IO;

namespace DumpDist.Retention.Capacity;

/// <summary>
/// What a tree takes, per wiki class and dataset, how it grows, what it settles at under the
/// configured retention, and when its volume fills at that growth.
/// </summary>
internal sealed record CapacityReport
{
    public required string Host { get; init; }

    public required string Root { get; init; }

    public DateTimeOffset Measured { get; init; }

    /// <summary>The whole tree (the root included), as <c>du -s</c> counts it.</summary>
    public UsageTotals Total { get; init; }

    public CapacityVolume? Volume { get; init; }

    public IReadOnlyList<CapacityGroup> Groups { get; init; } = [];

    public IReadOnlyList<WikiCapacity> Wikis { get; init; } = [];

    /// <summary>Usage once every bounded group is at its steady state; unbounded groups count as they are now.</summary>
    public long SteadyStateBytes { get; init; }

    /// <summary>Groups that retention does not bound (they grow for ever).</summary>
    public IReadOnlyList<string> Unbounded { get; init; } = [];

    /// <summary>Modelled growth of the tree over the next year, per day.</summary>
    public long GrowthBytesPerDay { get; init; }

    /// <summary>The day the volume fills at the modelled growth; null when not within <see cref="CapacityAnalyzer.HorizonDays"/>.</summary>
    public DateOnly? VolumeFull { get; init; }
}
