using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

/// <summary>The copying body path (what TLS, HTTP/2, --no-sendfile and a Kestrel without the byte counter use).</summary>
public sealed class CopyPathTests : IAsyncLifetime
{
    private readonly TestTree _tree = new();
    private RunningServer _server = null!;
    private byte[] _big = [];

    public async Task InitializeAsync()
    {
        _big = _tree.AddFile("enwiki/big.bin", 3 * 1024 * 1024 + 7, seed: 12);
        _server = await RunningServer.StartAsync(_tree, configure: o => o.ZeroCopy = false);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tree.Dispose();
    }

    [Fact]
    public async Task Get_WholeAndRangesWithoutSendfile_BytesIdenticalAndNothingZeroCopy()
    {
        var whole = await Curl.GetAsync(_server.Url("enwiki/big.bin"));
        var range = await Curl.GetAsync(_server.Url("enwiki/big.bin"), "-r", "1000000-2999999");
        var multi = await Curl.GetAsync(_server.Url("enwiki/big.bin"), "-r", "0-4,3000000-3000004");

        Assert.Equal(_big, whole.Body);
        Assert.Equal(_big.AsSpan(1000000, 2000000).ToArray(), range.Body);
        Assert.Equal(206, multi.Status);
        Assert.Equal(multi.Body.Length.ToString(), multi.Header("Content-Length"));
        Assert.StartsWith("multipart/byteranges; boundary=", multi.Header("Content-Type"));
        Assert.Equal(0, _server.Server.Metrics.ZeroCopyBytes.Value);
        Assert.True(_server.Server.Metrics.BytesSent.Value >= _big.Length + 2000000);
    }
}
