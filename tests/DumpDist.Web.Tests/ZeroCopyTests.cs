using System.Text;
using DumpDist.Web.Serving;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

public sealed class ZeroCopyTests : IAsyncLifetime
{
    private readonly TestTree _tree = new();
    private RunningServer _server = null!;
    private byte[] _big = [];

    public async Task InitializeAsync()
    {
        _big = _tree.AddFile("enwiki/big.bin", 2 * 1024 * 1024 + 3, seed: 8);
        for (var i = 0; i < 3000; i++)
        {
            _tree.AddText($"other/many/file-{i:D5}.gz", "x");
        }

        // A sparse 5 GiB file with markers past 2 GiB and 4 GiB: offsets beyond int range.
        var huge = Path.Combine(_tree.Root, "enwiki", "huge.7z");
        await using (var stream = new FileStream(huge, FileMode.Create, FileAccess.Write))
        {
            stream.SetLength(5L * 1024 * 1024 * 1024);
            stream.Position = 2L * 1024 * 1024 * 1024 + 12345;
            await stream.WriteAsync(Encoding.ASCII.GetBytes("MARKER-AFTER-2GIB"));
            stream.Position = 4L * 1024 * 1024 * 1024 + 1;
            await stream.WriteAsync(Encoding.ASCII.GetBytes("MARKER-AFTER-4GIB"));
        }

        _server = await RunningServer.StartAsync(_tree);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tree.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FastClient_SendBufferRaisedOnlyWhereThePolicyAllows_BytesIntact(bool allowed)
    {
        // This machine's autotuning ceiling; "allowed" pretends wmem_max is at least that.
        var ceiling = long.Parse(File.ReadAllText("/proc/sys/net/ipv4/tcp_wmem").Split('\t', ' ')[^1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var file = _tree.AddFile("enwiki/fast.bin", 48 * 1024 * 1024, seed: 9);
        await using var server = await RunningServer.StartAsync(_tree, configure: o => o.SendBuffers = new SendBufferPolicy(ceiling, allowed ? ceiling : ceiling / 2));

        var result = await Curl.GetAsync(server.Url("enwiki/fast.bin"));

        Assert.Equal(200, result.Status);
        Assert.Equal(file, result.Body);
        Assert.Equal(allowed ? 1 : 0, server.Server.Metrics.SendBufferRaised.Value);
    }

    [Fact]
    public async Task Pipelined_ListingThenBigFileThenSmallFile_ResponsesInOrderAndIntact()
    {
        var request = "GET /other/many/ HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /enwiki/big.bin HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /other/many/file-00001.gz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

        var raw = Encoding.Latin1.GetBytes(await RawHttp.SendAsync(_server.BaseUri, Encoding.ASCII.GetBytes(request), TimeSpan.FromSeconds(10)));

        var (listingStatus, listing, rest) = ReadResponse(raw);
        var (bigStatus, big, rest2) = ReadResponse(rest);
        var (smallStatus, small, rest3) = ReadResponse(rest2);
        Assert.Equal(200, listingStatus);
        Assert.Contains("file-02999.gz", Encoding.UTF8.GetString(listing), StringComparison.Ordinal);
        Assert.Equal(200, bigStatus);
        Assert.Equal(_big, big);
        Assert.Equal(200, smallStatus);
        Assert.Equal("x"u8.ToArray(), small);
        Assert.Empty(rest3);
        Assert.True(_server.Server.Metrics.ZeroCopyBytes.Value >= _big.Length, "the big body went out with sendfile");
    }

    [Theory]
    [InlineData(2147495993L, "MARKER-AFTER-2GIB")]
    [InlineData(4294967297L, "MARKER-AFTER-4GIB")]
    public async Task Get_RangeBeyondFourGiB_CorrectBytes(long offset, string marker)
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/huge.7z"), "-r", $"{offset - 300000}-{offset + marker.Length - 1}");

        Assert.Equal(206, result.Status);
        Assert.Equal($"bytes {offset - 300000}-{offset + marker.Length - 1}/5368709120", result.Header("Content-Range"));
        Assert.Equal(300000 + marker.Length, result.Body.Length);
        Assert.Equal(marker, Encoding.ASCII.GetString(result.Body, 300000, marker.Length));
        Assert.Equal(-1, result.Body.AsSpan(0, 300000).IndexOfAnyExcept((byte)0));
    }

    [Fact]
    public async Task Head_FiveGiBFile_ContentLengthBeyondInt()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/huge.7z"), "-I");

        Assert.Equal("5368709120", result.Header("Content-Length"));
        Assert.Equal("application/x-7z-compressed", result.Header("Content-Type"));
    }

    private static (int Status, byte[] Body, byte[] Remaining) ReadResponse(byte[] data)
    {
        var headerEnd = data.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(headerEnd > 0, "a complete header block");
        var headers = Encoding.ASCII.GetString(data, 0, headerEnd);
        var status = RawHttp.StatusOf(headers);
        var lengthLine = headers.Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var bodyStart = headerEnd + 4;
        Assert.True(data.Length >= bodyStart + length, $"body of {length} bytes present");
        return (status, data[bodyStart..(bodyStart + length)], data[(bodyStart + length)..]);
    }
}
