using DumpDist.Web.Memory;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Web.Tests.Memory;

public sealed class IdleMemoryTrimmerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeGauge _connections = new();
    private int _collections;

    [Fact]
    public void Tick_ThousandsClosedSinceThePeak_OneCollectionThenQuiet()
    {
        using var trimmer = new IdleMemoryTrimmer(_connections, _time, () => _collections++);
        _connections.Set(5000);
        _connections.Set(0);

        _time.Advance(IdleMemoryTrimmer.Interval);
        _time.Advance(IdleMemoryTrimmer.Interval);
        _time.Advance(IdleMemoryTrimmer.Interval);

        Assert.Equal(1, _collections);
        Assert.Equal(1, trimmer.Collections);
    }

    [Fact]
    public void Tick_BeforeTheInterval_Nothing()
    {
        using var trimmer = new IdleMemoryTrimmer(_connections, _time, () => _collections++);
        _connections.Set(5000);
        _connections.Set(0);

        _time.Advance(IdleMemoryTrimmer.Interval - TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, _collections);
    }

    [Theory]
    [InlineData(900, 0)]      // fewer than MinDrop closed: not worth a full collection
    [InlineData(20000, 16000)] // a fifth of the peak: ordinary churn
    [InlineData(5000, 5000)]  // nothing closed
    public void Tick_SmallDrop_NoCollection(long peak, long now)
    {
        using var trimmer = new IdleMemoryTrimmer(_connections, _time, () => _collections++);
        _connections.Set(peak);
        _connections.Set(now);

        _time.Advance(IdleMemoryTrimmer.Interval);

        Assert.Equal(0, _collections);
    }

    [Fact]
    public void Tick_ConnectionsRiseAndFallAgain_CollectsAgain()
    {
        using var trimmer = new IdleMemoryTrimmer(_connections, _time, () => _collections++);
        _connections.Set(5000);
        _connections.Set(100);
        _time.Advance(IdleMemoryTrimmer.Interval);

        _connections.Set(8000);
        _connections.Set(200);
        _time.Advance(IdleMemoryTrimmer.Interval);

        Assert.Equal(2, _collections);
    }

    private sealed class FakeGauge : IConnectionGauge
    {
        public long Current { get; private set; }

        public long Peak { get; private set; }

        public void Set(long value)
        {
            Current = value;
            Peak = Math.Max(Peak, value);
        }

        public void ResetPeak() => Peak = Current;
    }
}
