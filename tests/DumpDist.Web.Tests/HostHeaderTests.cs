using System.Text;
using DumpDist.Web.Drain;
using DumpDist.Web.Hosting;
using DumpDist.Web.Metrics;
using DumpDist.Web.Qos;
using DumpDist.Web.Listings;
using DumpDist.Web.Serving;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

/// <summary>No URL in any answer comes from the client's Host header (cache poisoning behind a proxy).</summary>
public sealed class HostHeaderTests : IDisposable
{
    private const string Hostile = "evil.example";
    private readonly TestTree _tree = new();

    public HostHeaderTests()
    {
        _tree.AddText("public/index.html", "<html>main</html>");
        _tree.AddText("public/enwiki/20261101/dumpstatus.json", """{"jobs": {"articlesdump": {"status": "done", "updated": "2026-11-02 10:00:00", "files": {"enwiki-20261101-pages.xml.bz2": {"size": 4, "url": "/enwiki/20261101/enwiki-20261101-pages.xml.bz2"}}}}, "version": "0.8"}""");
        _tree.AddText("public/enwiki/20261101/enwiki-20261101-pages.xml.bz2", "data");
        _tree.AddText("public/enwiki/20261101/index.html", "<html>run</html>");
        _tree.AddText("public/enwiki/20261020/dumpstatus.json", """{"jobs": {"articlesdump": {"status": "failed"}}}""");
    }

    public void Dispose() => _tree.Dispose();

    public static TheoryData<string> Paths() =>
    [
        "", "?listing", "enwiki", "enwiki/", "enwiki/?format=json", "enwiki/20261101/", "enwiki/20261020/",
        "enwiki/20261101/enwiki-20261101-pages.xml.bz2", "enwiki/20261101/enwiki-20261101-pages.xml.bz2.meta4",
        "nothing-here", "-/health",
        "api/v1/wikis", "api/v1/index.json", "api/v1/wikis/enwiki", "api/v1/wikis/enwiki/runs", "api/v1/wikis/enwiki/runs/20261101",
        "api/v1/wikis/enwiki/runs/20261101/complete", "api/v1/wikis/enwiki/latest",
        "api/v1/wikis/enwiki/latest/enwiki-latest-pages.xml.bz2", "api/v1/wikis/enwiki/latest/enwiki-latest-pages.xml.bz2-rss.xml",
        "api/v1/wikis/enwiki/runs/2026-11", "api/v1/nothing",
    ];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Get_HostileHost_AppearsInNoHeaderOrBody(string path)
    {
        await using var server = await StartAsync(publicUrl: null);

        var result = await Curl.GetAsync(new Uri(server.Address(), path).ToString(), "-H", "Host: " + Hostile, "-H", "X-Forwarded-Host: " + Hostile);

        Assert.True(result.Status is >= 200 and < 500, $"{path}: {result.Status}");
        var headers = string.Join("\n", result.Headers.Select(h => h.Key + ": " + h.Value));
        Assert.DoesNotContain(Hostile, headers, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Hostile, result.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_PublicUrlConfigured_AbsoluteLinksUseIt()
    {
        await using var server = await StartAsync(new Uri("https://dumps.example.org/"));

        var feed = await Curl.GetAsync(new Uri(server.Address(), "api/v1/wikis/enwiki/latest/enwiki-latest-pages.xml.bz2-rss.xml").ToString(), "-H", "Host: " + Hostile);
        var metalink = await Curl.GetAsync(new Uri(server.Address(), "enwiki/20261101/enwiki-20261101-pages.xml.bz2.meta4").ToString(), "-H", "Host: " + Hostile);

        Assert.Contains("<link>https://dumps.example.org/enwiki/20261101/</link>", feed.Text, StringComparison.Ordinal);
        Assert.Equal("origin https://dumps.example.org/", metalink.Text);
        Assert.DoesNotContain(Hostile, feed.Text + metalink.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NoPublicUrl_MetalinkGetsNoOriginAndFeedLinksAreRelative()
    {
        await using var server = await StartAsync(publicUrl: null);

        var feed = await Curl.GetAsync(new Uri(server.Address(), "api/v1/wikis/enwiki/latest/enwiki-latest-pages.xml.bz2-rss.xml").ToString());
        var metalink = await Curl.GetAsync(new Uri(server.Address(), "enwiki/20261101/enwiki-20261101-pages.xml.bz2.meta4").ToString());

        Assert.Contains("<link>/enwiki/20261101/</link>", feed.Text, StringComparison.Ordinal);
        Assert.Equal("origin (none)", metalink.Text);
    }

    private async Task<WebServer> StartAsync(Uri? publicUrl)
    {
        var options = new WebServerOptions { Root = _tree.Root, Qos = QosSettings.Unlimited, PublicUrl = publicUrl };
        options.Listen.Add("http://127.0.0.1:0");
        var parts = new WebServerParts(new QosSettingsSource(QosSettings.Unlimited), new DrainState(TimeProvider.System), new WebMetrics(), null, new OriginEcho());
        return await WebServer.StartAsync(options, parts: parts);
    }

    /// <summary>Generates a .meta4 that states the origin it was given, and a Link header on files.</summary>
    private sealed class OriginEcho : IDownloadAlternatives
    {
        public IReadOnlyList<string> LinksFor(Resource file) => [$"<https://mirror.example.org/{file.RelativePath}>; rel=duplicate; pri=1"];

        public IReadOnlyList<ListingEntry> ListedWith(string directoryRelativePath, IReadOnlyList<ListingEntry> entries) => entries;

        public Task<GeneratedDocument?> TryRenderAsync(string relativePath, Uri? origin, CancellationToken cancellationToken) =>
            Task.FromResult(relativePath.EndsWith(".meta4", StringComparison.Ordinal)
                ? new GeneratedDocument(Encoding.UTF8.GetBytes($"origin {origin?.ToString() ?? "(none)"}"), "application/metalink4+xml")
                : null);
    }
}
