using System.Text.Json;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

public sealed class IndexPageTests : IAsyncLifetime
{
    private const string MainPage = "<html><body>Database backup dumps</body></html>";
    private const string RunPage = "<html><body>enwiki dump progress on 20261101</body></html>";
    private readonly TestTree _tree = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _tree.AddText("index.html", MainPage);
        _tree.AddText("enwiki/20261101/index.html", RunPage);
        _tree.AddText("enwiki/20261101/enwiki-20261101-md5sums.txt", "x\n");
        _tree.AddText("enwiki/20261020/enwiki-20261020-md5sums.txt", "y\n");
        _server = await RunningServer.StartAsync(_tree);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tree.Dispose();
    }

    [Theory]
    [InlineData("", MainPage)]
    [InlineData("enwiki/20261101/", RunPage)]
    public async Task Get_DirectoryWithIndexHtml_ServesThePage(string path, string page)
    {
        var result = await Curl.GetAsync(_server.Url(path));

        Assert.Equal(200, result.Status);
        Assert.Equal("text/html; charset=utf-8", result.Header("Content-Type"));
        Assert.Equal(page, result.Text);
        Assert.Equal("Accept", result.Header("Vary"));
    }

    [Fact]
    public async Task Get_DirectoryWithoutIndexHtml_ServesGeneratedListing()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/20261020/"));

        Assert.Equal(200, result.Status);
        Assert.Contains("Index of /enwiki/20261020/", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("own page", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("enwiki/20261101/?listing", "Index of /enwiki/20261101/")]
    [InlineData("enwiki/20261101/?listing=1", "Index of /enwiki/20261101/")]
    [InlineData("?listing", "Index of /")]
    public async Task Get_ListingQuery_GeneratedListingLinkingThePage(string path, string title)
    {
        var result = await Curl.GetAsync(_server.Url(path));

        Assert.Equal(200, result.Status);
        Assert.Contains(title, result.Text, StringComparison.Ordinal);
        Assert.Contains("This directory has its own page: <a href=\"index.html\">index.html</a>", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(RunPage, result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("enwiki/20261101/", "Accept: application/json")]
    [InlineData("enwiki/20261101/?format=json", "Accept: */*")]
    public async Task Get_JsonListing_EvenWithIndexHtml(string path, string accept)
    {
        var result = await Curl.GetAsync(_server.Url(path), "-H", accept);

        Assert.Equal(200, result.Status);
        Assert.Equal("application/json", result.Header("Content-Type"));
        using var json = JsonDocument.Parse(result.Body);
        var names = json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(["enwiki-20261101-md5sums.txt", "index.html"], names);
    }

    [Fact]
    public async Task Get_IndexFilesEmpty_AlwaysTheListing()
    {
        await using var server = await RunningServer.StartAsync(_tree, configure: o => o.IndexFiles = []);

        var result = await Curl.GetAsync(server.Url("enwiki/20261101/"));

        Assert.Equal(200, result.Status);
        Assert.Contains("Index of /enwiki/20261101/", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ConfiguredNameList_FirstExistingWins()
    {
        _tree.AddText("enwiki/20261020/status.html", "status page");
        await using var server = await RunningServer.StartAsync(_tree, configure: o => o.IndexFiles = ["index.htm", "status.html", "index.html"]);

        var run = await Curl.GetAsync(server.Url("enwiki/20261020/"));
        var other = await Curl.GetAsync(server.Url("enwiki/20261101/"));

        Assert.Equal("status page", run.Text);
        Assert.Equal(RunPage, other.Text);
    }
}
