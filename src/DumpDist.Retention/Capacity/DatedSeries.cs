namespace DumpDist.Retention.Capacity;

/// <summary>
/// A run of dated items retention keeps a count of (a wiki's runs, a dated group's entries) and how it
/// grows: a new item every <see cref="IntervalDays"/>, each about <see cref="MeanBytes"/> and growing by
/// <see cref="SlopeBytesPerDay"/>, until <see cref="Keep"/> are held (none: it grows for ever).
/// </summary>
internal sealed class DatedSeries
{
    public DatedSeries(IReadOnlyList<(DateOnly Date, long Bytes)> sample, IReadOnlyList<DateOnly> allDates, int? keep, double intervalDays, DateOnly today)
    {
        Keep = keep;
        Count = allDates.Count;
        IntervalDays = intervalDays;
        var newest = sample.Count == 0 ? sample : sample.Skip(Math.Max(0, sample.Count - (keep ?? sample.Count))).ToList();
        MeanBytes = newest.Count == 0 ? 0 : newest.Average(s => (double)s.Bytes);
        SlopeBytesPerDay = Slope(sample);
        var sinceNewest = allDates.Count == 0 ? 0 : today.DayNumber - allDates[^1].DayNumber;
        NextInDays = Math.Max(0, intervalDays - sinceNewest);
    }

    /// <summary>Items kept at most (null: everything is kept).</summary>
    public int? Keep { get; }

    /// <summary>Items there now.</summary>
    public int Count { get; }

    /// <summary>Days between items (median of the observed gaps).</summary>
    public double IntervalDays { get; }

    /// <summary>Mean size of the newest kept items: what one more item adds.</summary>
    public double MeanBytes { get; }

    /// <summary>How an item's size changes per day (least squares over the history); 0 with fewer than two dates.</summary>
    public double SlopeBytesPerDay { get; }

    /// <summary>Days until the next item is due.</summary>
    public double NextInDays { get; }

    /// <summary>Bytes held when the count is full (null: unbounded).</summary>
    public double? SteadyStateBytes => Keep is { } keep ? keep * MeanBytes : null;

    /// <summary>Modelled bytes <paramref name="day"/> days from now (after retention ran).</summary>
    public double At(double day)
    {
        var arrived = day < NextInDays ? 0 : 1 + Math.Floor((day - NextInDays) / IntervalDays);
        var limit = Keep ?? int.MaxValue;
        var count = Math.Min(limit, Math.Min(limit, Count) + arrived);
        return count * Math.Max(0, MeanBytes + (SlopeBytesPerDay * day));
    }

    private static double Slope(IReadOnlyList<(DateOnly Date, long Bytes)> sample)
    {
        if (sample.Count < 2 || sample[0].Date == sample[^1].Date)
        {
            return 0;
        }

        var meanX = sample.Average(s => (double)s.Date.DayNumber);
        var meanY = sample.Average(s => (double)s.Bytes);
        var covariance = sample.Sum(s => (s.Date.DayNumber - meanX) * (s.Bytes - meanY));
        var variance = sample.Sum(s => (s.Date.DayNumber - meanX) * (s.Date.DayNumber - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }
}
