namespace DumpDist.Retention.Capacity;

/// <summary>
/// Files with no dated directories (a flat dataset): they grow at the rate their mtimes show
/// (bytes over the span from oldest to newest), up to what <c>max_age</c> keeps.
/// </summary>
internal sealed class FlatSeries(long bytes, DateTime? oldest, DateTime? newest, TimeSpan? maxAge)
{
    /// <summary>Bytes there now.</summary>
    public long Bytes { get; } = bytes;

    /// <summary>Observed growth.</summary>
    public double BytesPerDay { get; } =
        oldest is { } o && newest is { } n && (n - o).TotalDays >= 1 ? bytes / (n - o).TotalDays : 0;

    /// <summary>Bytes held when the age limit is reached (null: unbounded, or nothing to learn a rate from).</summary>
    public double? SteadyStateBytes => maxAge is { } age ? BytesPerDay > 0 ? BytesPerDay * age.TotalDays : Bytes : null;

    /// <summary>Modelled bytes <paramref name="day"/> days from now.</summary>
    public double At(double day)
    {
        var grown = Bytes + (BytesPerDay * day);
        return maxAge is { } age && BytesPerDay > 0 ? Math.Min(grown, BytesPerDay * age.TotalDays) : grown;
    }
}
