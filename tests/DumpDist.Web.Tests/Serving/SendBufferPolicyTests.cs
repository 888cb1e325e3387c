using DumpDist.Web.Serving;

namespace DumpDist.Web.Tests.Serving;

public sealed class SendBufferPolicyTests
{
    private const int MiB = 1024 * 1024;

    [Theory]
    [InlineData(4 * MiB, 4 * MiB, 4 * MiB, 4 * MiB)]      // wmem_max at the ceiling: ask for it, the kernel doubles it
    [InlineData(4 * MiB, 64 * MiB, 4 * MiB, 8 * MiB)]     // a generous wmem_max: at most MaxRequest
    [InlineData(6 * MiB, 6 * MiB, 6 * MiB, 6 * MiB)]
    [InlineData(4 * MiB, 4 * MiB, 5 * MiB, 4 * MiB)]      // already above the ceiling (a socket we raised)
    public void Raise_SaturatedAndAllowed_AsksForTheLarger(long ceiling, long wmemMax, int current, int expected)
    {
        Assert.Equal(expected, new SendBufferPolicy(ceiling, wmemMax).Raise(current));
    }

    [Theory]
    [InlineData(4 * MiB, 4 * MiB, 2 * MiB)]        // a client that has not filled autotuning's buffer: leave it
    [InlineData(4 * MiB, 212992, 4 * MiB)]         // the kernel's default wmem_max: a set size would shrink the buffer
    public void Raise_NotSaturatedOrNotAllowed_Leaves(long ceiling, long wmemMax, int current)
    {
        var policy = new SendBufferPolicy(ceiling, wmemMax);

        Assert.Null(policy.Raise(current));
    }

    [Fact]
    public void Off_NeverRaises()
    {
        Assert.False(SendBufferPolicy.Off.CanRaise);
        Assert.Null(SendBufferPolicy.Off.Raise(int.MaxValue));
    }

    [Fact]
    public void FromSystem_ReadsThisMachinesSysctls()
    {
        var ceiling = long.Parse(File.ReadAllText("/proc/sys/net/ipv4/tcp_wmem").Split('\t', ' ')[^1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var wmemMax = long.Parse(File.ReadAllText("/proc/sys/net/core/wmem_max").Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(wmemMax >= ceiling, SendBufferPolicy.FromSystem().CanRaise);
    }
}
