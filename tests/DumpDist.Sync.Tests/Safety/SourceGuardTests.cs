using DumpDist.Sync.Safety;

namespace DumpDist.Sync.Tests.Safety;

public sealed class SourceGuardTests
{
    [Theory]
    [InlineData(0, null, 0.1, false)]
    [InlineData(0, 100L, 0.1, false)]
    [InlineData(1, null, 0.1, true)]
    [InlineData(100, 100L, 0.1, true)]
    [InlineData(90, 100L, 0.1, true)]
    [InlineData(89, 100L, 0.1, false)]
    [InlineData(50, 100L, 0.5, true)]
    [InlineData(49, 100L, 0.5, false)]
    [InlineData(500, 100L, 0.1, true)]
    public void Check_FileCounts_Decision(long now, long? lastGood, double maxLoss, bool allowed)
    {
        var decision = SourceGuard.Check(now, lastGood, maxLoss);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(allowed, decision.Reason is null);
    }
}
