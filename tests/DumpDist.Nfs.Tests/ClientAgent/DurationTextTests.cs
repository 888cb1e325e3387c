using DumpDist.Nfs.ClientAgent;

namespace DumpDist.Nfs.Tests.ClientAgent;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    public void TryParse_Forms_Parsed(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10x")]
    [InlineData("1h30m")]
    [InlineData("-5s")]
    [InlineData("99999999999")]
    public void TryParse_Invalid_False(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }
}
