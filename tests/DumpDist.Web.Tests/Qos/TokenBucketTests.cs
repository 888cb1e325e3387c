using DumpDist.Web.Qos;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Web.Tests.Qos;

public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Take_RateZero_NeverWaits()
    {
        var bucket = new TokenBucket(_time);

        Assert.Equal(TimeSpan.Zero, bucket.Take(10_000_000, rate: 0));
        Assert.Equal(TimeSpan.Zero, bucket.Take(10_000_000, rate: 0));
    }

    [Fact]
    public void Take_NewBucket_StartsEmptySoFirstBytesWait()
    {
        var bucket = new TokenBucket(_time);

        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.Take(500, rate: 1000));
    }

    [Fact]
    public void Take_SeveralTakersWithoutTimePassing_QueueBehindEachOther()
    {
        var bucket = new TokenBucket(_time);

        var first = bucket.Take(1000, rate: 1000);
        var second = bucket.Take(1000, rate: 1000);
        var third = bucket.Take(500, rate: 1000);

        Assert.Equal(TimeSpan.FromSeconds(1), first);
        Assert.Equal(TimeSpan.FromSeconds(2), second);
        Assert.Equal(TimeSpan.FromSeconds(2.5), third);
    }

    [Fact]
    public void Take_TimePaysBackTheDebt_WaitShrinks()
    {
        var bucket = new TokenBucket(_time);
        bucket.Take(2000, rate: 1000);

        _time.Advance(TimeSpan.FromSeconds(1.5));

        // 2000 owed, 1500 earned: the next 1000 bytes wait for 1500 more tokens.
        Assert.Equal(TimeSpan.FromSeconds(1.5), bucket.Take(1000, rate: 1000));
    }

    [Fact]
    public void Take_AfterLongIdle_CreditCappedAtHalfASecond()
    {
        var bucket = new TokenBucket(_time);
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.Zero, bucket.Take(500, rate: 1000));
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Take(1000, rate: 1000));
    }

    [Fact]
    public void Take_SteadyTakerAtTheRate_NeverAccumulatesDelay()
    {
        var bucket = new TokenBucket(_time);
        bucket.Take(1000, rate: 1000);
        _time.Advance(TimeSpan.FromSeconds(1));

        for (var i = 0; i < 100; i++)
        {
            var wait = bucket.Take(1000, rate: 1000);
            Assert.Equal(TimeSpan.FromSeconds(1), wait);
            _time.Advance(wait);
        }
    }
}
