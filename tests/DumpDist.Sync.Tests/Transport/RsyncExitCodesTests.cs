using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Tests.Transport;

public sealed class RsyncExitCodesTests
{
    [Theory]
    [InlineData(0, RsyncOutcome.Ok)]
    [InlineData(24, RsyncOutcome.Ok)]
    [InlineData(23, RsyncOutcome.Partial)]
    [InlineData(30, RsyncOutcome.Timeout)]
    [InlineData(35, RsyncOutcome.Timeout)]
    [InlineData(1, RsyncOutcome.Error)]
    [InlineData(10, RsyncOutcome.Error)]
    [InlineData(25, RsyncOutcome.Error)]
    [InlineData(255, RsyncOutcome.Error)]
    public void Map_ExitCode_Outcome(int exitCode, RsyncOutcome expected) =>
        Assert.Equal(expected, RsyncExitCodes.Map(exitCode));
}
