using DumpDist.Retention.Capacity;

namespace DumpDist.Retention.Tests.Capacity;

public sealed class GrowthModelTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void DatedSeries_FewerThanKeep_GrowsOneRunPerIntervalUntilFull()
    {
        // Three runs of 100 bytes, ten days apart, the newest today; keep 5.
        var dates = new[] { Today.AddDays(-20), Today.AddDays(-10), Today };
        var series = new DatedSeries(dates.Select(d => (d, 100L)).ToList(), dates, keep: 5, intervalDays: 10, Today);

        Assert.Equal(300, series.At(0));
        Assert.Equal(300, series.At(9));
        Assert.Equal(400, series.At(10));
        Assert.Equal(500, series.At(20));
        Assert.Equal(500, series.At(1000));
        Assert.Equal(500, series.SteadyStateBytes);
    }

    [Fact]
    public void DatedSeries_MoreThanKeep_IsModelledAfterRetentionRan()
    {
        var dates = Enumerable.Range(0, 6).Select(i => Today.AddDays(-10 * (5 - i))).ToList();
        var series = new DatedSeries(dates.Select(d => (d, 100L)).ToList(), dates, keep: 2, intervalDays: 10, Today);

        Assert.Equal(200, series.At(0));
        Assert.Equal(200, series.At(365));
    }

    [Fact]
    public void DatedSeries_GrowingRuns_SlopeIsTheTrendAndSteadyStateUsesTheNewest()
    {
        // Each run 10 bytes a day bigger than the one before.
        var dates = Enumerable.Range(0, 5).Select(i => Today.AddDays(-10 * (4 - i))).ToList();
        var series = new DatedSeries(dates.Select((d, i) => (d, 1000L + (100L * i))).ToList(), dates, keep: 2, intervalDays: 10, Today);

        Assert.Equal(10, series.SlopeBytesPerDay, 6);
        Assert.Equal(1350, series.MeanBytes);
        Assert.Equal(2700, series.SteadyStateBytes);
        Assert.Equal(2 * (1350 + 100), series.At(10), 6);
    }

    [Fact]
    public void DatedSeries_NoKeep_IsUnbounded()
    {
        var dates = new[] { Today.AddDays(-7), Today };
        var series = new DatedSeries(dates.Select(d => (d, 50L)).ToList(), dates, keep: null, intervalDays: 7, Today);

        Assert.Null(series.SteadyStateBytes);
        Assert.Equal(100 + (50 * 52), series.At(364));
    }

    [Fact]
    public void FlatSeries_MaxAge_SettlesAtRateTimesAge()
    {
        var flat = new FlatSeries(1000, new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(30));

        Assert.Equal(100, flat.BytesPerDay);
        Assert.Equal(3000, flat.SteadyStateBytes);
        Assert.Equal(2000, flat.At(10));
        Assert.Equal(3000, flat.At(100));
    }
}
