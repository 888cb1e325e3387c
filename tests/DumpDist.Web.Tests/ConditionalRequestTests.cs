using System.Globalization;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

/// <summary>
/// RFC 9110 section 13.2.2, the order in which a server evaluates preconditions: If-Match, else
/// If-Unmodified-Since; then If-None-Match, else If-Modified-Since; then If-Range for a Range.
/// Strong comparison for If-Match and If-Range, weak for If-None-Match; lists and "*"; dates in
/// the three HTTP-date forms. One real server over one file with a fixed mtime.
/// </summary>
public sealed class ConditionalRequestTests : IAsyncLifetime
{
    private const string Path = "enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2";
    private const int Length = 100_000;
    private static readonly DateTimeOffset Modified = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly TestTree _tree = new();
    private RunningServer _server = null!;
    private byte[] _content = [];

    public static string ETag { get; } = string.Create(CultureInfo.InvariantCulture, $"\"{Modified.ToUnixTimeSeconds():x}-{Length:x}\"");

    public static TheoryData<string, string, string, int> Cases => new()
    {
        // method, request headers ("Name: value" separated by " | "), what the body must be, status
        // If-Match: strong comparison, lists, "*".
        { "GET", "If-Match: {etag}", "full", 200 },
        { "GET", "If-Match: \"other\"", "none", 412 },
        { "GET", "If-Match: *", "full", 200 },
        { "GET", "If-Match: W/{etag}", "none", 412 },
        { "GET", "If-Match: \"a\", {etag}", "full", 200 },
        { "GET", "If-Match: \"a\", \"b\"", "none", 412 },
        { "GET", "If-Match: \"a\" | If-Match: {etag}", "full", 200 },

        // If-Unmodified-Since, only without If-Match.
        { "GET", "If-Unmodified-Since: {date}", "full", 200 },
        { "GET", "If-Unmodified-Since: {later}", "full", 200 },
        { "GET", "If-Unmodified-Since: {earlier}", "none", 412 },
        { "GET", "If-Unmodified-Since: yesterday", "full", 200 },
        { "GET", "If-Match: {etag} | If-Unmodified-Since: {earlier}", "full", 200 },
        { "GET", "If-Match: \"other\" | If-Unmodified-Since: {later}", "none", 412 },

        // If-None-Match: weak comparison, lists, "*"; If-Modified-Since ignored when it is present.
        { "GET", "If-None-Match: {etag}", "none", 304 },
        { "GET", "If-None-Match: W/{etag}", "none", 304 },
        { "GET", "If-None-Match: *", "none", 304 },
        { "GET", "If-None-Match: \"a\", W/{etag}", "none", 304 },
        { "GET", "If-None-Match: \"a\", \"b\"", "full", 200 },
        { "GET", "If-None-Match: \"a\" | If-None-Match: {etag}", "none", 304 },
        { "GET", "If-None-Match: \"other\" | If-Modified-Since: {later}", "full", 200 },
        { "GET", "If-None-Match: {etag} | If-Modified-Since: {earlier}", "none", 304 },
        { "HEAD", "If-None-Match: {etag}", "none", 304 },

        // If-Modified-Since, in each HTTP-date form; an invalid date is ignored.
        { "GET", "If-Modified-Since: {date}", "none", 304 },
        { "GET", "If-Modified-Since: {later}", "none", 304 },
        { "GET", "If-Modified-Since: {earlier}", "full", 200 },
        { "GET", "If-Modified-Since: Sunday, 01-Nov-26 10:00:00 GMT", "none", 304 },
        { "GET", "If-Modified-Since: Sun Nov  1 10:00:00 2026", "none", 304 },
        { "GET", "If-Modified-Since: not a date", "full", 200 },
        { "HEAD", "If-Modified-Since: {earlier}", "none", 200 },

        // The order: a failed If-Match or If-Unmodified-Since wins over a matching If-None-Match.
        { "GET", "If-Match: \"other\" | If-None-Match: \"other\"", "none", 412 },
        { "GET", "If-Match: \"other\" | If-None-Match: {etag}", "none", 412 },
        { "GET", "If-Unmodified-Since: {earlier} | If-None-Match: {etag}", "none", 412 },
        { "GET", "If-Match: {etag} | If-None-Match: {etag}", "none", 304 },
        { "GET", "If-Unmodified-Since: {date} | If-Modified-Since: {date}", "none", 304 },

        // If-Range: only with a Range, strong comparison, an exact date.
        { "GET", "Range: bytes=0-9", "range", 206 },
        { "GET", "Range: bytes=0-9 | If-Range: {etag}", "range", 206 },
        { "GET", "Range: bytes=0-9 | If-Range: \"other\"", "full", 200 },
        { "GET", "Range: bytes=0-9 | If-Range: W/{etag}", "full", 200 },
        { "GET", "Range: bytes=0-9 | If-Range: {date}", "range", 206 },
        { "GET", "Range: bytes=0-9 | If-Range: {earlier}", "full", 200 },
        { "GET", "Range: bytes=0-9 | If-Range: {later}", "full", 200 },
        { "GET", "Range: bytes=0-9 | If-Range: not a validator", "full", 200 },
        { "GET", "If-Range: \"other\"", "full", 200 },
        { "GET", "Range: bytes=0-9 | If-Range: {etag} | If-None-Match: {etag}", "none", 304 },
        { "GET", "Range: bytes=0-9 | If-Range: {etag} | If-Match: \"other\"", "none", 412 },
        { "GET", "Range: bytes=0-9 | If-Range: \"other\" | If-Match: {etag}", "full", 200 },
    };

    public async Task InitializeAsync()
    {
        _content = _tree.AddFile(Path, Length, seed: 5);
        File.SetLastWriteTimeUtc(System.IO.Path.Combine(_tree.Root, Path), Modified.UtcDateTime);
        _server = await RunningServer.StartAsync(_tree);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tree.Dispose();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_Preconditions_EvaluatedInRfc9110Order(string method, string headers, string body, int status)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), _server.Url(Path));
        foreach (var header in headers.Split(" | "))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var value = header[(colon + 1)..].Trim()
                .Replace("{etag}", ETag, StringComparison.Ordinal)
                .Replace("{date}", Http(Modified), StringComparison.Ordinal)
                .Replace("{earlier}", Http(Modified.AddSeconds(-1)), StringComparison.Ordinal)
                .Replace("{later}", Http(Modified.AddSeconds(1)), StringComparison.Ordinal);
            Assert.True(request.Headers.TryAddWithoutValidation(header[..colon], value));
        }

        using var response = await http.SendAsync(request);
        var received = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(ETag, response.Headers.ETag?.ToString());
        var expected = body switch
        {
            "full" => _content,
            "range" => _content[..10],
            _ => [],
        };
        Assert.Equal(expected, received);
        if (status == 206)
        {
            Assert.Equal($"bytes 0-9/{Length}", response.Content.Headers.ContentRange?.ToString());
        }
    }

    [Fact]
    public async Task IfRange_DateOfFileModifiedWithinTheLastSecond_WeakSoWholeFile()
    {
        // A Last-Modified that is not at least a second old is weak (RFC 9110 8.8.2.2): the file
        // may change again within the same second, so a date cannot stand for its bytes.
        const string recent = "enwiki/20261101/recent.txt";
        var content = _tree.AddFile(recent, 5000, seed: 9);
        var modified = DateTimeOffset.UtcNow.AddMinutes(10);
        File.SetLastWriteTimeUtc(System.IO.Path.Combine(_tree.Root, recent), modified.UtcDateTime);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.Url(recent));
        request.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
        request.Headers.TryAddWithoutValidation("If-Range", Http(modified));

        using var response = await http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    private static string Http(DateTimeOffset date) => date.ToString("R", CultureInfo.InvariantCulture);
}
