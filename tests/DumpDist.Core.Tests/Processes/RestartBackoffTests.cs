using DumpDist.Core.Processes;

namespace DumpDist.Core.Tests.Processes;

public sealed class RestartBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Stable = TimeSpan.FromMinutes(5);

    [Fact]
    public void AfterExit_QuickCrashes_DoublesUpToMax()
    {
        var backoff = new RestartBackoff(Initial, Max, Stable);

        var waits = Enumerable.Range(0, 6).Select(_ => backoff.AfterExit(TimeSpan.FromSeconds(1)).TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 10, 10], waits);
    }

    [Fact]
    public void AfterExit_StableRun_StartsOverAtInitial()
    {
        var backoff = new RestartBackoff(Initial, Max, Stable);
        backoff.AfterExit(TimeSpan.Zero);
        backoff.AfterStartFailure();
        backoff.AfterExit(TimeSpan.Zero);

        Assert.Equal(Initial, backoff.AfterExit(Stable));
        Assert.Equal(2 * Initial, backoff.AfterExit(Stable - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Reset_AfterFailures_NextWaitIsInitial()
    {
        var backoff = new RestartBackoff(Initial, Max, Stable);
        backoff.AfterStartFailure();
        backoff.AfterStartFailure();

        backoff.Reset();

        Assert.Equal(Initial, backoff.AfterStartFailure());
    }

    [Fact]
    public void AfterStartFailure_HugeMax_DoesNotOverflow()
    {
        var backoff = new RestartBackoff(TimeSpan.FromDays(1000), TimeSpan.MaxValue, Stable);

        for (var i = 0; i < 40; i++)
        {
            backoff.AfterStartFailure();
        }

        Assert.Equal(TimeSpan.MaxValue, backoff.AfterStartFailure());
    }
}
