using System.Text;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

/// <summary>
/// Downloads and ranges, run twice: over the zero-copy path (sendfile) and over the copying path
/// it falls back to (TLS, HTTP/2, a Kestrel without the byte counter), so neither can rot unseen.
/// </summary>
public abstract class ServingTests(bool zeroCopy) : IAsyncLifetime
{
    private const int BigLength = 3 * 1024 * 1024 + 123;
    private readonly TestTree _tree = new();
    private RunningServer _server = null!;
    private byte[] _big = [];
    private byte[] _small = [];

    public async Task InitializeAsync()
    {
        _big = _tree.AddFile("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2", BigLength, seed: 7);
        _small = _tree.AddFile("enwiki/20240101/small.txt", 4096, seed: 3);
        _server = await RunningServer.StartAsync(_tree, configure: o => o.ZeroCopy = zeroCopy);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tree.Dispose();
    }

    [Theory]
    [InlineData("enwiki/20240101/small.txt")]
    [InlineData("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2")]
    public async Task Get_WholeFile_BodyIdenticalWithValidators(string path)
    {
        var result = await Curl.GetAsync(_server.Url(path));

        Assert.Equal(200, result.Status);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_tree.Root, path)), result.Body);
        Assert.Equal(result.Body.Length.ToString(), result.Header("Content-Length"));
        Assert.Equal("bytes", result.Header("Accept-Ranges"));
        Assert.Matches("^\"[0-9a-f]+-[0-9a-f]+\"$", result.Header("ETag"));
        Assert.NotNull(result.Header("Last-Modified"));
    }

    [Fact]
    public async Task Head_BigFile_HeadersWithoutBody()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2"), "-I");

        Assert.Equal(200, result.Status);
        Assert.Equal(BigLength.ToString(), result.Header("Content-Length"));
        Assert.Equal("application/x-bzip2", result.Header("Content-Type"));
    }

    [Theory]
    [InlineData("0-99", 0, 100)]
    [InlineData("1000000-", 1000000, BigLength - 1000000)]
    [InlineData("-500", BigLength - 500, 500)]
    [InlineData("3000000-9999999999", 3000000, BigLength - 3000000)]
    public async Task Get_SingleRange_PartialContent(string range, int first, int length)
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2"), "-r", range);

        Assert.Equal(206, result.Status);
        Assert.Equal($"bytes {first}-{first + length - 1}/{BigLength}", result.Header("Content-Range"));
        Assert.Equal(length.ToString(), result.Header("Content-Length"));
        Assert.Equal(_big.AsSpan(first, length).ToArray(), result.Body);
    }

    [Fact]
    public async Task Get_MultipleRanges_MultipartByteranges()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2"), "-r", "0-9,2000000-2000009,-5");

        Assert.Equal(206, result.Status);
        var contentType = result.Header("Content-Type")!;
        Assert.StartsWith("multipart/byteranges; boundary=", contentType);
        Assert.Equal(result.Body.Length.ToString(), result.Header("Content-Length"));
        var boundary = contentType["multipart/byteranges; boundary=".Length..];
        var parts = SplitMultipart(result.Body, boundary);
        Assert.Equal(3, parts.Count);
        Assert.Equal($"bytes 0-9/{BigLength}", parts[0].ContentRange);
        Assert.Equal(_big.AsSpan(0, 10).ToArray(), parts[0].Body);
        Assert.Equal($"bytes 2000000-2000009/{BigLength}", parts[1].ContentRange);
        Assert.Equal(_big.AsSpan(2000000, 10).ToArray(), parts[1].Body);
        Assert.Equal($"bytes {BigLength - 5}-{BigLength - 1}/{BigLength}", parts[2].ContentRange);
        Assert.Equal(_big.AsSpan(BigLength - 5, 5).ToArray(), parts[2].Body);
    }

    [Fact]
    public async Task Get_MoreRangesThanCap_WholeFile()
    {
        var ranges = string.Join(',', Enumerable.Range(0, 40).Select(i => $"{i * 10}-{(i * 10) + 1}"));

        var result = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-r", ranges);

        Assert.Equal(200, result.Status);
        Assert.Equal(_small, result.Body);
    }

    [Theory]
    [InlineData("enwiki/20240101/small.txt", "5000-6000", "4096")]
    [InlineData("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2", "99999999-", "3145851")]
    public async Task Get_RangeBeyondEnd_416WithContentRange(string path, string range, string length)
    {
        var result = await Curl.GetAsync(_server.Url(path), "-r", range);

        Assert.Equal(416, result.Status);
        Assert.Equal($"bytes */{length}", result.Header("Content-Range"));
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrentETag_304()
    {
        var first = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-I");

        var second = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-H", "If-None-Match: " + first.Header("ETag"));

        Assert.Equal(304, second.Status);
        Assert.Empty(second.Body);
        Assert.Equal(first.Header("ETag"), second.Header("ETag"));
    }

    [Fact]
    public async Task Get_IfModifiedSinceLastModified_304_AndOlderDate_200()
    {
        var first = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-I");

        var same = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-H", "If-Modified-Since: " + first.Header("Last-Modified"));
        var older = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-H", "If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT");

        Assert.Equal(304, same.Status);
        Assert.Equal(200, older.Status);
        Assert.Equal(_small, older.Body);
    }

    [Fact]
    public async Task Get_IfRangeStaleETag_WholeFile_AndCurrentETag_Partial()
    {
        var head = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-I");

        var stale = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-r", "0-9", "-H", "If-Range: \"0-0\"");
        var current = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-r", "0-9", "-H", "If-Range: " + head.Header("ETag"));

        Assert.Equal(200, stale.Status);
        Assert.Equal(_small, stale.Body);
        Assert.Equal(206, current.Status);
        Assert.Equal(_small.AsSpan(0, 10).ToArray(), current.Body);
    }

    [Fact]
    public async Task Get_IfMatchOtherETag_412()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-H", "If-Match: \"nope\"");

        Assert.Equal(412, result.Status);
    }

    [Fact]
    public async Task Get_TwoBigFilesOnOneConnection_BothCompleteAndConnectionReused()
    {
        var dir = DumpDist.TestSupport.TestPaths.NewTempDirectory("curl2");
        try
        {
            var url = _server.Url("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2");
            var result = await DumpDist.TestSupport.ExternalProgram.RunAsync("curl",
                ["-sS", "-v", "-o", Path.Combine(dir, "a"), url, "-o", Path.Combine(dir, "b"), url]);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(_big, File.ReadAllBytes(Path.Combine(dir, "a")));
            Assert.Equal(_big, File.ReadAllBytes(Path.Combine(dir, "b")));
            Assert.Contains("Re-using existing connection", result.StandardError, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Post_AnyPath_405WithAllow()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/20240101/small.txt"), "-X", "POST");

        Assert.Equal(405, result.Status);
        Assert.Equal("GET, HEAD", result.Header("Allow"));
    }

    private static List<(string ContentRange, byte[] Body)> SplitMultipart(byte[] body, string boundary)
    {
        var parts = new List<(string, byte[])>();
        var delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var positions = new List<int>();
        for (var i = 0; i <= body.Length - delimiter.Length; i++)
        {
            if (body.AsSpan(i, delimiter.Length).SequenceEqual(delimiter))
            {
                positions.Add(i);
            }
        }

        for (var p = 0; p < positions.Count - 1; p++)
        {
            var start = positions[p] + delimiter.Length + 2;
            var headerEnd = body.AsSpan(start).IndexOf("\r\n\r\n"u8) + start;
            var headers = Encoding.ASCII.GetString(body, start, headerEnd - start);
            var contentRange = headers.Split("\r\n").Single(l => l.StartsWith("Content-Range:", StringComparison.Ordinal))["Content-Range:".Length..].Trim();
            parts.Add((contentRange, body[(headerEnd + 4)..positions[p + 1]]));
        }

        Assert.Equal("--\r\n", Encoding.ASCII.GetString(body, positions[^1] + delimiter.Length, body.Length - positions[^1] - delimiter.Length));
        return parts;
    }

    [Fact]
    public async Task Get_BigBody_GoesOutByTheChosenPath()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2"));

        Assert.Equal(_big, result.Body);
        if (zeroCopy)
        {
            Assert.True(_server.Server.Metrics.ZeroCopyBytes.Value >= _big.Length, "the body went out with sendfile");
        }
        else
        {
            Assert.Equal(0, _server.Server.Metrics.ZeroCopyBytes.Value);
        }
    }
}

/// <summary>The download tests over sendfile(2).</summary>
public sealed class ServingTestsZeroCopy() : ServingTests(zeroCopy: true);

/// <summary>The download tests over the copying path.</summary>
public sealed class ServingTestsCopying() : ServingTests(zeroCopy: false);
