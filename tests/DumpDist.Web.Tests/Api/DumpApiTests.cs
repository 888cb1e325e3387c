using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using DumpDist.TestSupport;
using DumpDist.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DumpDist.Web.Tests.Api;

public sealed class DumpApiTests : IAsyncLifetime
{
    private readonly string _root = TestPaths.NewTempDirectory("api");
    private WebApplication? _app;
    private HttpClient _client = new();

    public async Task InitializeAsync()
    {
        Write("public/enwiki/20261101/dumpstatus.json", """{"jobs": {"articlesdump": {"status": "done", "updated": "2026-11-02 10:00:00", "files": {"enwiki-20261101-pages-articles.xml.bz2": {"size": 4, "url": "/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2", "md5": "8d777f385d3dfec8815d20f7496026dc", "sha1": "a17c9aaa61e80a1bf71d0d850af4e5baa9800bbd"}}}}, "version": "0.8"}""");
        Write("public/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2", "data");
        Write("public/enwiki/20261120/dumpstatus.json", """{"jobs": {"articlesdump": {"status": "in-progress", "files": {"enwiki-20261120-pages-articles.xml.bz2": {}}}}, "version": "0.8"}""");
        Write("public/enwiki/20261120/enwiki-20261120-pages-articles.xml.bz2.inprog", "da");
        Write("public/enwiki/20261020/dumpstatus.json", """{"jobs": {"articlesdump": {"status": "failed"}}}""");
        Write("public/dewiki/20261101/dumpstatus.json", """{"jobs": {"x": {"status": "waiting", "updated": "2026-11-03 04:05:06"}}}""");
        // Not wikis: dated directories without any dumpstatus.json, a latest/ alone, plain files.
        Write("public/pagecounts/20261101/pagecounts-20261101.gz", "p");
        Write("public/oldwiki/latest/oldwiki-latest-x.bz2-rss.xml", "<rss/>");
        Write("public/misc/readme.txt", "hello");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<DumpApiOptions>(o => o.TreeRoot = _root);
        _app = builder.Build();
        _app.UseDumpApi();
        _app.Run(context =>
        {
            context.Response.StatusCode = 418;
            return Task.CompletedTask;
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Wikis_ListsEveryWikiWithLatestGoodAndNewestState()
    {
        using var document = await GetJsonAsync("/api/v1/wikis");

        var wikis = document.RootElement.GetProperty("wikis").EnumerateArray().ToList();
        Assert.Equal(["dewiki", "enwiki"], wikis.Select(w => w.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, wikis[0].GetProperty("latest_good_run").ValueKind);
        Assert.Equal("20261101", wikis[1].GetProperty("latest_good_run").GetString());
        Assert.Equal("in-progress", wikis[1].GetProperty("newest_state").GetString());
    }

    [Fact]
    public async Task Run_ReturnsStatusJobsAndFilesWithSums()
    {
        using var document = await GetJsonAsync("/api/v1/wikis/enwiki/runs/20261101");

        var run = document.RootElement;
        Assert.Equal("good", run.GetProperty("state").GetString());
        Assert.True(run.GetProperty("complete").GetBoolean());
        var file = run.GetProperty("jobs")[0].GetProperty("files")[0];
        Assert.Equal("enwiki-20261101-pages-articles.xml.bz2", file.GetProperty("name").GetString());
        Assert.Equal("a17c9aaa61e80a1bf71d0d850af4e5baa9800bbd", file.GetProperty("sha1").GetString());
        Assert.Equal(4, file.GetProperty("size").GetInt64());
    }

    [Theory]
    [InlineData("/api/v1/wikis/enwiki/runs/20261101/complete", HttpStatusCode.OK, "good")]
    [InlineData("/api/v1/wikis/enwiki/runs/20261120/complete", HttpStatusCode.Conflict, "in-progress")]
    [InlineData("/api/v1/wikis/enwiki/runs/20261020/complete", HttpStatusCode.Conflict, "failed")]
    public async Task Complete_OneRequestGatesOnGoodRun(string path, HttpStatusCode expected, string state)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(state, document.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Latest_IsNewestGoodRunNotNewestRun()
    {
        using var document = await GetJsonAsync("/api/v1/wikis/enwiki/latest");

        Assert.Equal("20261101", document.RootElement.GetProperty("date").GetString());
    }

    [Fact]
    public async Task LatestFile_RedirectsIntoNewestGoodRun()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/wikis/enwiki/latest/enwiki-latest-pages-articles.xml.bz2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LatestFeed_IsRssWithTheGoodRun()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/wikis/enwiki/latest/enwiki-latest-pages-articles.xml.bz2-rss.xml", UriKind.Relative));
        var rss = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("/enwiki/20261101/", rss.Descendants("item").Single().Element("link")!.Value);
    }

    [Fact]
    public async Task IndexJson_HasNewestRunStatusPerWikiInProductionShape()
    {
        using var document = await GetJsonAsync("/api/v1/index.json");

        var enwiki = document.RootElement.GetProperty("wikis").GetProperty("enwiki");
        Assert.Equal("in-progress", enwiki.GetProperty("jobs").GetProperty("articlesdump").GetProperty("status").GetString());
        Assert.Equal("20261101", enwiki.GetProperty("latest_good_run").GetString());
    }

    [Theory]
    [InlineData("/api/v1/wikis/nowiki")]
    [InlineData("/api/v1/wikis/..")]
    [InlineData("/api/v1/wikis/%2e%2e/runs")]
    [InlineData("/api/v1/wikis/other")]
    [InlineData("/api/v1/wikis/pagecounts")]
    [InlineData("/api/v1/wikis/oldwiki/runs")]
    [InlineData("/api/v1/wikis/misc")]
    [InlineData("/api/v1/wikis/enwiki/runs/20990101")]
    [InlineData("/api/v1/wikis/enwiki/latest/enwiki-latest-nothing.bz2")]
    [InlineData("/api/v1/wikis/enwiki/latest/dewiki-latest-x.bz2")]
    [InlineData("/api/v1/nothing")]
    public async Task UnknownResource_Is404WithJsonError(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/wikis/enwiki/runs/2026-11-01", "run date '2026-11-01'")]
    [InlineData("/api/v1/wikis/enwiki/runs/20261301/complete", "run date '20261301'")]
    [InlineData("/api/v1/wikis/enwiki/runs/latest", "run date 'latest'")]
    [InlineData("/api/v1/wikis/en%20wiki/runs", "wiki name 'en wiki'")]
    public async Task MalformedName_Is400NamingTheValue(string path, string named)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(named, document.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timestamps_AreRfc3339Utc_InRunsAndIndexJson()
    {
        using var run = await GetJsonAsync("/api/v1/wikis/enwiki/runs/20261101");
        using var index = await GetJsonAsync("/api/v1/index.json");
        using var latest = await GetJsonAsync("/api/v1/wikis/enwiki/latest");

        Assert.Equal("2026-11-02T10:00:00Z", run.RootElement.GetProperty("jobs")[0].GetProperty("updated").GetString());
        Assert.Equal("2026-11-02T10:00:00Z", latest.RootElement.GetProperty("jobs")[0].GetProperty("updated").GetString());
        Assert.Equal("2026-11-03T04:05:06Z", index.RootElement.GetProperty("wikis").GetProperty("dewiki").GetProperty("jobs").GetProperty("x").GetProperty("updated").GetString());
    }

    [Fact]
    public async Task LatestFeed_HostileHostHeader_LinksAreSiteRelative()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/wikis/enwiki/latest/enwiki-latest-pages-articles.xml.bz2-rss.xml", UriKind.Relative));
        request.Headers.Host = "evil.example";
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Equal("/enwiki/20261101/", XDocument.Parse(body).Descendants("item").Single().Element("link")!.Value);
    }

    [Fact]
    public async Task OtherPaths_PassToNextMiddleware()
    {
        using var response = await _client.GetAsync(new Uri("/enwiki/", UriKind.Relative));

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
    }

    [Fact]
    public async Task Post_Is405()
    {
        using var response = await _client.PostAsync(new Uri("/api/v1/wikis", UriKind.Relative), new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
