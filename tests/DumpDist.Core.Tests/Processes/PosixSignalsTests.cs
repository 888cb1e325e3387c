using DumpDist.Core.Processes;

namespace DumpDist.Core.Tests.Processes;

public sealed class PosixSignalsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-5)]
    public void TerminateGroup_OwnGroupOrEveryone_Refused(int group)
    {
        // kill(0) is our own group and kill(-1) every process we may signal: never by accident.
        Assert.Throws<ArgumentOutOfRangeException>(() => PosixSignals.TerminateGroup(group));
        Assert.Throws<ArgumentOutOfRangeException>(() => PosixSignals.KillGroup(group));
    }

    [Fact]
    public async Task GroupExists_RightAfterStartThenAfterKillGroup_TrueThenFalse()
    {
        await using var child = new ChildProcessRunner().Start(new ChildProcessSpec("sleep", ["1000"]));
        var group = child.ProcessId!.Value;
        Assert.True(PosixSignals.GroupExists(group));

        Assert.True(PosixSignals.KillGroup(group));
        var result = await child.Completion;

        Assert.Equal(128 + 9, result.ExitCode);
        Assert.False(PosixSignals.GroupExists(group));
    }
}
