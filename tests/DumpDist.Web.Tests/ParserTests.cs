using System.Buffers;
using System.Text;
using DumpDist.Web.Qos;
using DumpDist.Web.Serving;

namespace DumpDist.Web.Tests;

public sealed class ParserTests
{
    [Theory]
    [InlineData(null, "Full", "")]
    [InlineData("bytes=0-99", "Partial", "0-99")]
    [InlineData("bytes=900-", "Partial", "900-999")]
    [InlineData("bytes=-100", "Partial", "900-999")]
    [InlineData("bytes=-5000", "Partial", "0-999")]
    [InlineData("bytes=0-0,-1", "Partial", "0-0,999-999")]
    [InlineData("bytes=500-600,0-10,550-700", "Partial", "0-10,500-700")]
    [InlineData("bytes=0-10,11-20", "Partial", "0-20")]
    [InlineData("bytes=990-2000", "Partial", "990-999")]
    [InlineData("bytes=1000-", "Unsatisfiable", "")]
    [InlineData("bytes=1000-2000,3000-4000", "Unsatisfiable", "")]
    [InlineData("bytes=-0", "Unsatisfiable", "")]
    [InlineData("bytes=5-1", "Full", "")]
    [InlineData("bytes=a-b", "Full", "")]
    [InlineData("bytes=1-2-3", "Full", "")]
    [InlineData("items=0-1", "Full", "")]
    [InlineData("bytes=", "Full", "")]
    [InlineData("bytes=+1-2", "Full", "")]
    [InlineData("bytes=0-1,2-3,4-5,6-7,8-9", "Full", "")]
    [InlineData("bytes=99999999999999999999999-", "Full", "")]
    public void Parse_Header_OutcomeAndRanges(string? header, string outcome, string expected)
    {
        var result = RangeParser.Parse(header, 1000, maxRanges: 4, out var ranges);

        Assert.Equal(outcome, result.ToString());
        Assert.Equal(expected, string.Join(',', ranges.Select(r => $"{r.First}-{r.Last}")));
    }

    [Theory]
    [InlineData("enwiki-20240101-pages-articles.xml.bz2", "application/x-bzip2")]
    [InlineData("a/b/stub.xml.gz", "application/gzip")]
    [InlineData("history.7z", "application/x-7z-compressed")]
    [InlineData("x.json.zst", "application/zstd")]
    [InlineData("dumpstatus.json", "application/json")]
    [InlineData("siteinfo.xml", "application/xml")]
    [InlineData("enwiki-latest-pages-articles.xml.bz2-rss.xml", "application/rss+xml")]
    [InlineData("feed.rss", "application/rss+xml")]
    [InlineData("md5sums.txt", "text/plain; charset=utf-8")]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("noextension", "application/octet-stream")]
    [InlineData("dir.d/noext", "application/octet-stream")]
    public void ContentTypes_For_Name(string name, string expected) => Assert.Equal(expected, ContentTypes.For(name));

    [Theory]
    [InlineData("PROXY TCP4 203.0.113.9 10.0.0.1 5555 80\r\nGET", "Parsed", "203.0.113.9", 41)]
    [InlineData("PROXY TCP6 2001:db8::1 2001:db8::2 5555 80\r\n", "Parsed", "2001:db8::1", 44)]
    [InlineData("PROXY UNKNOWN\r\n", "Parsed", null, 15)]
    [InlineData("PROXY TCP4 203.0.113.9", "NeedMore", null, 0)]
    [InlineData("PROX", "NeedMore", null, 0)]
    [InlineData("PROXY TCP4 nope 10.0.0.1 1 2\r\n", "Invalid", null, 0)]
    [InlineData("GET / HTTP/1.1\r\n", "None", null, 0)]
    public void ProxyHeader_V1_Outcome(string text, string outcome, string? source, long consumed)
    {
        var result = ProxyHeaderParser.TryParse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)), out var used, out var address);

        Assert.Equal(outcome, result.ToString());
        Assert.Equal(source, address?.ToString());
        Assert.Equal(consumed, used);
    }

    [Fact]
    public void AccessLog_Format_NginxCombinedWithEscapes()
    {
        var line = Logging.AccessLogWriter.Format(System.Net.IPAddress.Parse("192.0.2.1"), new DateTimeOffset(2026, 11, 25, 16, 3, 4, TimeSpan.Zero),
            "GET", "/enwiki/a b\"c", "HTTP/1.1", 206, 1234, null, "Wget/1.21 (ü)");

        Assert.Equal("192.0.2.1 - - [25/Nov/2026:16:03:04 +0000] \"GET /enwiki/a b\\x22c HTTP/1.1\" 206 1234 \"-\" \"Wget/1.21 (\\xC3\\xBC)\"", line);
    }
}
