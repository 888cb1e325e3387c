using System.Net;
using DumpDist.Web.Qos;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Web.Tests.Qos;

public sealed class ClientLimiterTests
{
    private static readonly ClientIdentity Alice = new(IPAddress.Parse("192.0.2.1"), "wget/1.21");
    private static readonly ClientIdentity AliceOtherAgent = new(IPAddress.Parse("192.0.2.1"), "curl/8");
    private static readonly ClientIdentity Bob = new(IPAddress.Parse("192.0.2.2"), "wget/1.21");
    private readonly ClientLimiter _limiter = new(new FakeTimeProvider());

    [Fact]
    public void TryEnter_AtTheCap_RefusedUntilALeaseEnds()
    {
        var first = _limiter.TryEnter(Alice, limit: 2);
        var second = _limiter.TryEnter(Alice, limit: 2);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(_limiter.TryEnter(Alice, limit: 2));
        Assert.Equal(2, _limiter.ActiveFor(Alice));

        first.Dispose();
        using var third = _limiter.TryEnter(Alice, limit: 2);
        Assert.NotNull(third);
        second.Dispose();
    }

    [Fact]
    public void TryEnter_CapIsPerAddressAndUserAgent()
    {
        using var alice = _limiter.TryEnter(Alice, limit: 1);

        using var otherAgent = _limiter.TryEnter(AliceOtherAgent, limit: 1);
        using var bob = _limiter.TryEnter(Bob, limit: 1);

        Assert.NotNull(otherAgent);
        Assert.NotNull(bob);
        Assert.Null(_limiter.TryEnter(Alice, limit: 1));
    }

    [Fact]
    public void TryEnter_LimitZero_Unlimited()
    {
        var leases = Enumerable.Range(0, 1000).Select(_ => _limiter.TryEnter(Alice, limit: 0)).ToList();

        Assert.All(leases, Assert.NotNull);
        Assert.Equal(1000, _limiter.ActiveFor(Alice));
        leases.ForEach(l => l!.Dispose());
        Assert.Equal(0, _limiter.ActiveFor(Alice));
    }

    [Fact]
    public void Dispose_Twice_ReleasesOneSlotOnly()
    {
        using var kept = _limiter.TryEnter(Alice, limit: 2);
        var lease = _limiter.TryEnter(Alice, limit: 2)!;

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(1, _limiter.ActiveFor(Alice));
    }

    [Fact]
    public void TryEnter_SameAddress_SharesOneIpBucketWhileAnyDownloadRuns()
    {
        var a = _limiter.TryEnter(Alice, limit: 0)!;
        var b = _limiter.TryEnter(AliceOtherAgent, limit: 0)!;
        using var bob = _limiter.TryEnter(Bob, limit: 0)!;

        Assert.Same(a.IpBucket, b.IpBucket);
        Assert.NotSame(a.IpBucket, bob.IpBucket);

        a.Dispose();
        using var c = _limiter.TryEnter(Alice, limit: 0)!;
        Assert.Same(b.IpBucket, c.IpBucket);
        b.Dispose();
    }

    [Fact]
    public void TryEnter_AfterAllDownloadsOfAnAddressEnded_FreshBucketWithoutDebt()
    {
        var first = _limiter.TryEnter(Alice, limit: 0)!;
        var oldBucket = first.IpBucket;
        oldBucket.Take(10_000, rate: 1000);
        first.Dispose();

        using var next = _limiter.TryEnter(Alice, limit: 0)!;

        Assert.NotSame(oldBucket, next.IpBucket);
        Assert.Equal(TimeSpan.FromSeconds(1), next.IpBucket.Take(1000, rate: 1000));
    }
}
