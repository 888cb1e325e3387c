using DumpDist.Cli.Progress;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.FunctionalTests.Progress;

/// <summary>Rate and time left of the shared progress display, on a fake clock.</summary>
public sealed class ProgressRateTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Sample_SteadyBytes_RateAndEtaFromRemaining()
    {
        var rate = new ProgressRate(_time);
        rate.Sample(new ProgressSnapshot("verifying", 0, 10, 0, 1000));
        _time.Advance(TimeSpan.FromSeconds(2));
        rate.Sample(new ProgressSnapshot("verifying", 2, 10, 200, 1000));

        Assert.True(rate.CountsBytes);
        Assert.Equal(100, rate.PerSecond);
        Assert.Equal(TimeSpan.FromSeconds(8), rate.Remaining);
        Assert.Equal("verifying 2/10 files, 200 B/1000 B, 100 B/s, ETA 0:00:08", ProgressText.Describe(new ProgressSnapshot("verifying", 2, 10, 200, 1000), rate));
    }

    [Fact]
    public void Sample_OldSamplesLeaveTheWindow_RateIsRecent()
    {
        var rate = new ProgressRate(_time);
        rate.Sample(new ProgressSnapshot("walking", 0, 0, 0, 0, "entries"));
        _time.Advance(TimeSpan.FromSeconds(30));
        rate.Sample(new ProgressSnapshot("walking", 30, 0, 0, 0, "entries")); // 1/s for the first 30 s
        for (var second = 1; second <= 11; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            rate.Sample(new ProgressSnapshot("walking", 30 + (second * 100), 0, 0, 0, "entries"));
        }

        Assert.False(rate.CountsBytes);
        Assert.Equal(100, rate.PerSecond);
        Assert.Null(rate.Remaining); // no total: no ETA
        Assert.Equal("walking 1,130 entries, 100 entries/s", ProgressText.Describe(new ProgressSnapshot("walking", 1130, 0, 0, 0, "entries"), rate));
    }

    [Fact]
    public void Sample_NewPhase_StartsOver()
    {
        var rate = new ProgressRate(_time);
        rate.Sample(new ProgressSnapshot("transferring", 0, 0, 0, 0));
        _time.Advance(TimeSpan.FromSeconds(1));
        rate.Sample(new ProgressSnapshot("transferring", 5, 0, 5000, 0));
        rate.Sample(new ProgressSnapshot("verifying", 0, 5, 0, 5000));

        Assert.Null(rate.PerSecond);
        Assert.Null(rate.Remaining);
        _time.Advance(TimeSpan.FromSeconds(4));
        rate.Sample(new ProgressSnapshot("verifying", 1, 5, 1000, 5000));
        Assert.Equal(250, rate.PerSecond);
        Assert.Equal(TimeSpan.FromSeconds(16), rate.Remaining);
    }

    [Fact]
    public void Sample_Stalled_NoEta()
    {
        var rate = new ProgressRate(_time);
        rate.Sample(new ProgressSnapshot("checksums", 0, 0, 100, 1000));
        _time.Advance(TimeSpan.FromSeconds(3));
        rate.Sample(new ProgressSnapshot("checksums", 0, 0, 100, 1000));

        Assert.Equal(0, rate.PerSecond);
        Assert.Null(rate.Remaining);
    }

    [Theory]
    [InlineData(0, "0:00:00")]
    [InlineData(59, "0:00:59")]
    [InlineData(3600 + 61, "1:01:01")]
    [InlineData((26 * 3600) + 5, "26:00:05")]
    public void Duration_Seconds_HoursMinutesSeconds(int seconds, string expected) =>
        Assert.Equal(expected, ProgressText.Duration(TimeSpan.FromSeconds(seconds)));
}
