using DumpDist.Nfs.Probe;

namespace DumpDist.Nfs.Tests.Probe;

public sealed class NfsEndpointTests
{
    [Theory]
    [InlineData("dumps1", "dumps1", 2049)]
    [InlineData("dumps1.example.org:20490", "dumps1.example.org", 20490)]
    [InlineData("127.0.0.1:1", "127.0.0.1", 1)]
    [InlineData("::1", "::1", 2049)]
    [InlineData("[::1]:2050", "::1", 2050)]
    [InlineData("[fd00::5]", "fd00::5", 2049)]
    public void TryParse_Valid_ReturnsHostAndPort(string text, string host, int port)
    {
        Assert.True(NfsEndpoint.TryParse(text, out var endpoint, out var error), error);
        Assert.Equal(new NfsEndpoint(host, port), endpoint);
    }

    [Theory]
    [InlineData("", "empty host")]
    [InlineData("host:", "port must be")]
    [InlineData("host:0", "port must be")]
    [InlineData("host:65536", "port must be")]
    [InlineData("host:abc", "port must be")]
    [InlineData(":2049", "not a host")]
    [InlineData("[::1", "missing ']'")]
    [InlineData("[::1]2049", "expected ':PORT'")]
    [InlineData("zz::qq", "not a host")]
    public void TryParse_Invalid_ExplainsWhy(string text, string expected)
    {
        Assert.False(NfsEndpoint.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }
}
