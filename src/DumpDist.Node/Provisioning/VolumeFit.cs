using DumpDist.Retention.Capacity;

namespace DumpDist.Node.Provisioning;

/// <summary>
/// Whether a host's tree fits its volume once retention has brought it to its steady state.
/// <see cref="ForecastFrom"/> is null when there was no tree to forecast from (see <see cref="Note"/>).
/// </summary>
internal sealed record VolumeFit
{
    /// <summary>The tree the forecast was computed from (the local source, <c>--from</c>, or the host's own tree).</summary>
    public string? ForecastFrom { get; init; }

    /// <summary>Why no forecast was made, or how it was made.</summary>
    public required string Note { get; init; }

    /// <summary>Projected steady-state usage under the host's retention (<c>dumpdist capacity</c>'s STEADY STATE).</summary>
    public long SteadyStateBytes { get; init; }

    /// <summary>Groups retention does not bound: counted as they are now, they grow beyond the forecast.</summary>
    public IReadOnlyList<string> Unbounded { get; init; } = [];

    /// <summary>What the host's tree already takes on the volume (0 before the first sync).</summary>
    public long TreeBytes { get; init; }

    /// <summary>The file system that holds (or will hold) the tree.</summary>
    public CapacityVolume? Volume { get; init; }

    /// <summary>Bytes missing for the steady state: the forecast minus what the volume can still give the tree. Positive means too small.</summary>
    public long ShortfallBytes => Volume is null || ForecastFrom is null ? 0 : SteadyStateBytes - (Volume.AvailableBytes + TreeBytes);

    public bool Fits => ShortfallBytes <= 0;
}
