using DumpDist.Web.Qos;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Web.Tests.Qos;

public sealed class TransferPacerTests
{
    private const int MiB = 1024 * 1024;
    private const int Unthrottled = 8 * MiB;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void GrantSize_NoLimit_Unthrottled()
    {
        var pacer = Pacer(QosSettings.Unlimited);

        Assert.Equal(Unthrottled, pacer.GrantSize(Unthrottled));
    }

    [Theory]
    [InlineData(2 * MiB, 0, 0, MiB)]
    [InlineData(0, 4 * MiB, 0, 2 * MiB)]
    [InlineData(0, 0, 6 * MiB, 3 * MiB)]
    [InlineData(2 * MiB, 4 * MiB, 1 * MiB, MiB / 2)]
    [InlineData(1000, 0, 0, TransferPacer.MinGrant)]
    [InlineData(100 * MiB, 0, 0, Unthrottled)]
    public void GrantSize_Limited_HalfASecondOfTheSlowestRate(long rate, long ipRate, long globalRate, int expected)
    {
        var pacer = Pacer(new QosSettings { Rate = rate, RateAfter = 0, IpRate = ipRate, GlobalRate = globalRate });

        Assert.Equal(expected, pacer.GrantSize(Unthrottled));
    }

    [Fact]
    public void GrantSize_FreeBytesLeft_SentInOnePieceThenPaced()
    {
        var pacer = Pacer(new QosSettings { Rate = 2 * MiB, RateAfter = 3 * MiB });

        Assert.Equal(3 * MiB, pacer.GrantSize(Unthrottled));
        Assert.Equal(TimeSpan.Zero, pacer.Charge(3 * MiB));
        Assert.Equal(MiB, pacer.GrantSize(Unthrottled));
    }

    [Fact]
    public void GrantSize_Exempt_Unthrottled()
    {
        var pacer = Pacer(new QosSettings { Rate = 1000, RateAfter = 0, GlobalRate = 1000 }, exempt: true);

        Assert.Equal(Unthrottled, pacer.GrantSize(Unthrottled));
        Assert.Equal(TimeSpan.Zero, pacer.Charge(Unthrottled));
    }

    [Fact]
    public async Task PaceAsync_OverTheRate_CompletesOnlyWhenTheFakeClockReachesTheGrantTime()
    {
        var pacer = Pacer(new QosSettings { Rate = MiB, RateAfter = 0 });

        var wait = pacer.PaceAsync(MiB / 2, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public void Charge_TenSecondsAtTheRate_TakesTenSecondsOfWaits()
    {
        var pacer = Pacer(new QosSettings { Rate = 2 * MiB, RateAfter = MiB });
        var total = TimeSpan.Zero;
        long sent = 0;
        while (sent < 21 * MiB)
        {
            var grant = pacer.GrantSize(Unthrottled);
            var wait = pacer.Charge(grant);
            _time.Advance(wait);
            total += wait;
            sent += grant;
        }

        // 1 MiB free, then 20 MiB at 2 MiB/s.
        Assert.Equal(21 * MiB, sent);
        Assert.Equal(TimeSpan.FromSeconds(10), total);
    }

    [Fact]
    public void Charge_ReloadMidTransfer_NewRateAppliesToTheNextGrant()
    {
        var settings = new QosSettingsSource(new QosSettings { Rate = MiB, RateAfter = 0 });
        var pacer = new TransferPacer(settings, ipBucket: null, new TokenBucket(_time), _time, exempt: false);
        Assert.Equal(TimeSpan.FromSeconds(0.5), pacer.Charge(pacer.GrantSize(Unthrottled)));

        settings.Update(new QosSettings { Rate = 4 * MiB, RateAfter = 0 });

        // Half a MiB still owed plus the new 2 MiB grant, at 4 MiB/s (at the old rate: 2.5 s).
        Assert.Equal(2 * MiB, pacer.GrantSize(Unthrottled));
        Assert.Equal(TimeSpan.FromSeconds(0.625), pacer.Charge(2 * MiB));
    }

    [Fact]
    public void Charge_TwoDownloadsOneIpBucket_ShareItsRate()
    {
        var settings = new QosSettingsSource(new QosSettings { Rate = 0, IpRate = 2 * MiB });
        var ip = new TokenBucket(_time);
        var global = new TokenBucket(_time);
        var a = new TransferPacer(settings, ip, global, _time, exempt: false);
        var b = new TransferPacer(settings, ip, global, _time, exempt: false);

        var first = a.Charge(MiB);
        var second = b.Charge(MiB);
        var third = a.Charge(MiB);

        Assert.Equal(TimeSpan.FromSeconds(0.5), first);
        Assert.Equal(TimeSpan.FromSeconds(1), second);
        Assert.Equal(TimeSpan.FromSeconds(1.5), third);
    }

    [Fact]
    public async Task PaceAsync_Cancelled_StopsWaiting()
    {
        var pacer = Pacer(new QosSettings { Rate = 1000, RateAfter = 0 });
        using var cancel = new CancellationTokenSource();

        var wait = pacer.PaceAsync(100_000, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    private TransferPacer Pacer(QosSettings settings, bool exempt = false) =>
        new(new QosSettingsSource(settings), new TokenBucket(_time), new TokenBucket(_time), _time, exempt);
}
