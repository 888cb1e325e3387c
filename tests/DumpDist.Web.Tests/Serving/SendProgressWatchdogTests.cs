using DumpDist.Web.Serving;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Web.Tests.Serving;

public sealed class SendProgressWatchdogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new();
    private long _progress;
    private int _stalls;

    [Fact]
    public void SlowSteadyClient_NeverCutOff()
    {
        using var watchdog = Watchdog();

        // A few bytes a period for ten timeouts: far slower than any one send could finish in.
        for (var i = 0; i < 40; i++)
        {
            _progress += 100;
            _time.Advance(SendProgressWatchdog.Period(Timeout));
        }

        Assert.Equal(0, _stalls);
        Assert.False(watchdog.Fired);
    }

    [Fact]
    public void NoProgress_CutOffOnceAfterTheTimeoutNotBefore()
    {
        using var watchdog = Watchdog();

        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, _stalls);

        _time.Advance(SendProgressWatchdog.Period(Timeout) * 2);
        Assert.Equal(1, _stalls);
        Assert.True(watchdog.Fired);

        _time.Advance(Timeout * 3);
        Assert.Equal(1, _stalls);
    }

    [Fact]
    public void ProgressThenStall_TimedFromTheLastProgress()
    {
        using var watchdog = Watchdog();
        _time.Advance(TimeSpan.FromSeconds(45));
        _progress = 1;
        _time.Advance(TimeSpan.FromSeconds(15));

        _time.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(0, _stalls);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _stalls);
    }

    [Fact]
    public void Paused_WaitingForTheGrantIsNotAStall()
    {
        using var watchdog = Watchdog();
        watchdog.Pause();

        _time.Advance(Timeout * 5);
        Assert.Equal(0, _stalls);

        watchdog.Resume();
        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, _stalls);

        _time.Advance(SendProgressWatchdog.Period(Timeout) * 2);
        Assert.Equal(1, _stalls);
    }

    [Fact]
    public void Disposed_NeverFires()
    {
        var watchdog = Watchdog();
        watchdog.Dispose();

        _time.Advance(Timeout * 3);

        Assert.Equal(0, _stalls);
    }

    [Theory]
    [InlineData(60, 15000)]
    [InlineData(4, 1000)]
    [InlineData(0.5, 250)]
    [InlineData(600, 15000)]
    public void Period_AQuarterOfTheTimeoutWithinBounds(double timeoutSeconds, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), SendProgressWatchdog.Period(TimeSpan.FromSeconds(timeoutSeconds)));
    }

    private SendProgressWatchdog Watchdog() => new(() => _progress, Timeout, _time, () => _stalls++);
}
