using System.Diagnostics;
using System.Text.Json;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

public sealed class ListingTests : IAsyncLifetime
{
    private readonly TestTree _tree = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _tree.AddFile("enwiki/20240201/enwiki-20240201-stub-articles.xml.gz", 2048, seed: 2);
        _tree.AddFile("enwiki/20240201/enwiki-20240201-pages-articles.xml.bz2", 5000, seed: 3);
        _tree.AddText("enwiki/20240201/enwiki-20240201-md5sums.txt", "x\n");
        _tree.AddText("enwiki/20240201/enwiki-20240201-stub-meta.xml.gz.inprog", "partial");
        _tree.AddText("enwiki/20240101/index.html", "<html></html>");
        _tree.AddText("enwiki/tmp/scratch", "private");
        _tree.AddText("enwiki/20240201/a <b>&amp; c.txt", "escaped");
        for (var i = 0; i < 5000; i++)
        {
            _tree.AddText($"other/pageviews/pageviews-{i:D5}.gz", "p");
        }

        _server = await RunningServer.StartAsync(_tree);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tree.Dispose();
    }

    [Fact]
    public async Task Get_DirectoryHtml_SortedEscapedWithSizes()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/20240201/"));

        Assert.Equal(200, result.Status);
        Assert.Equal("text/html; charset=utf-8", result.Header("Content-Type"));
        var html = result.Text;
        var articles = html.IndexOf("enwiki-20240201-pages-articles.xml.bz2\"", StringComparison.Ordinal);
        var stub = html.IndexOf("enwiki-20240201-stub-articles.xml.gz\"", StringComparison.Ordinal);
        Assert.True(articles > 0 && stub > articles, "entries are sorted by name");
        Assert.Contains("title=\"5000 bytes\">4.9 KiB<", html, StringComparison.Ordinal);
        Assert.Contains("a &lt;b&gt;&amp;amp; c.txt", html, StringComparison.Ordinal);
        Assert.Contains("href=\"a%20%3Cb%3E%26amp%3B%20c.txt\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(".inprog", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("enwiki/?format=json")]
    [InlineData("enwiki/")]
    public async Task Get_DirectoryJson_EntriesWithTypes(string path)
    {
        var result = await Curl.GetAsync(_server.Url(path), "-H", "Accept: application/json");

        Assert.Equal(200, result.Status);
        Assert.Equal("application/json", result.Header("Content-Type"));
        using var json = JsonDocument.Parse(result.Body);
        var entries = json.RootElement.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("name").GetString(), e.GetProperty("type").GetString())).ToList();
        Assert.Equal([("20240101", "directory"), ("20240201", "directory")], entries);
        Assert.Equal("/enwiki/", json.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Get_DirectoryWithoutSlash_RedirectsToSlash()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/20240201"));

        Assert.Equal(301, result.Status);
        Assert.Equal("20240201/", result.Header("Location"));
    }

    [Fact]
    public async Task Get_DirectoryAfterNewFile_ListingUpdated()
    {
        var before = await Curl.GetAsync(_server.Url("enwiki/20240101/?format=json"));
        await Task.Delay(1100);
        _tree.AddText("enwiki/20240101/dumpstatus.json", "{}");
        await Task.Delay(1100);

        var after = await Curl.GetAsync(_server.Url("enwiki/20240101/?format=json"));

        Assert.DoesNotContain("dumpstatus.json", before.Text, StringComparison.Ordinal);
        Assert.Contains("dumpstatus.json", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FiveThousandEntries_AllListedAndCachedFast()
    {
        var first = await Curl.GetAsync(_server.Url("other/pageviews/?format=json"));
        using var json = JsonDocument.Parse(first.Body);
        Assert.Equal(5000, json.RootElement.GetProperty("entries").GetArrayLength());

        var watch = Stopwatch.StartNew();
        using var http = new HttpClient();
        for (var i = 0; i < 50; i++)
        {
            var html = await http.GetByteArrayAsync(_server.Url("other/pageviews/"));
            Assert.True(html.Length > 5000 * 50);
        }

        // 50 cached renderings of a 5,000-entry page: a rescan each time would take seconds.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"50 listings took {watch.Elapsed}");
    }
}
