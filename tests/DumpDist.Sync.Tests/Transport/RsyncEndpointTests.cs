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

    [Theory]
    [InlineData("rsync://h:873/m/", "rsync://h:873/m/", "", "a/b")]
    [InlineData("rsync://h/m/public/", "rsync://h/m/", "public/", "public/./a/b")]
    [InlineData("/srv/dumps", "/srv/dumps/", "", "a/b")]
    public void FilesFromEntry_SubPath_MarkedRelativeToModuleRoot(string source, string root, string subPath, string entry)
    {
        var endpoint = RsyncEndpoint.TryParse(source, out _)!;

        Assert.Equal(root, endpoint.Root);
        Assert.Equal(subPath, endpoint.SubPath);
        Assert.Equal(entry, endpoint.FilesFromEntry("a/b"));
    }

    [Fact]
    public void Combine_DatasetPath_AppendedWithSlash() =>
        Assert.Equal("rsync://h/m/other/kiwix/", RsyncEndpoint.TryParse("rsync://h/m/", out _)!.Combine("/other/kiwix").Value);
}
