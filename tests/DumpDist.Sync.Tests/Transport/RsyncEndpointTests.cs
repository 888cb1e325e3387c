using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Tests.Transport;

public sealed class RsyncEndpointTests
{
    [Theory]
    [InlineData("rsync://127.0.0.1:8730/dumps", "rsync://127.0.0.1:8730/dumps/", true)]
    [InlineData("rsync://gen.example/dumps/public/", "rsync://gen.example/dumps/public/", true)]
    [InlineData("/srv/dumps", "/srv/dumps/", false)]
    public void TryParse_Valid_NormalisedWithSlash(string source, string expected, bool daemon)
    {
        var endpoint = RsyncEndpoint.TryParse(source, out var error);

        Assert.Null(error);
        Assert.NotNull(endpoint);
        Assert.Equal(expected, endpoint.Value);
        Assert.Equal(daemon, endpoint.IsDaemon);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("rsync://host", "rsync URL")]
    [InlineData("gen.example::dumps", "not supported")]
    [InlineData("user@gen.example:/srv", "not supported")]
    public void TryParse_Invalid_ErrorSaysWhy(string source, string expected)
    {
        Assert.Null(RsyncEndpoint.TryParse(source, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Combine_DatasetPath_AppendedWithSlash() =>
        Assert.Equal("rsync://h/m/other/kiwix/", RsyncEndpoint.TryParse("rsync://h/m/", out _)!.Combine("/other/kiwix").Value);
}
