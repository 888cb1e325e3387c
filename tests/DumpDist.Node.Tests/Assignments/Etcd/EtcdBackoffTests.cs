using DumpDist.Node.Assignments.Etcd;

namespace DumpDist.Node.Tests.Assignments.Etcd;

public sealed class EtcdBackoffTests
{
    [Fact]
    public void Next_RepeatedFailures_DoublesUpToTheMaximum()
    {
        var backoff = new EtcdBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

        var delays = Enumerable.Range(0, 9).Select(_ => backoff.Next().TotalSeconds).ToArray();

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], delays);
        Assert.Equal(9, backoff.Failures);
    }

    [Fact]
    public void Reset_AfterFailures_StartsAgainAtTheInitialDelay()
    {
        var backoff = new EtcdBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
        Assert.Equal(1, backoff.Failures);
    }
}
