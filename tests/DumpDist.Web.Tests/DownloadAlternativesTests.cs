using System.Text;
using DumpDist.Web.Drain;
using DumpDist.Web.Hosting;
using DumpDist.Web.Metrics;
using DumpDist.Web.Qos;
using DumpDist.Web.Serving;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

public sealed class DownloadAlternativesTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Get_FileWithAlternatives_LinkHeaderAndGeneratedMetalinkServed()
    {
        _tree.AddFile("enwiki/20261101/pages.bz2", 1000, seed: 1);
        var options = new WebServerOptions { Root = _tree.Root, Qos = QosSettings.Unlimited, PublicUrl = new Uri("https://dumps.example.org/") };
        options.Listen.Add("http://127.0.0.1:0");
        var parts = new WebServerParts(new QosSettingsSource(QosSettings.Unlimited), new DrainState(TimeProvider.System), new WebMetrics(), null, new FakeAlternatives());
        await using var server = await WebServer.StartAsync(options, parts: parts);

        var file = await Curl.GetAsync(new Uri(server.Address(), "enwiki/20261101/pages.bz2").ToString());
        var meta4 = await Curl.GetAsync(new Uri(server.Address(), "enwiki/20261101/pages.bz2.meta4").ToString());
        var missing = await Curl.GetAsync(new Uri(server.Address(), "enwiki/20261101/other.bz2").ToString());

        Assert.Equal(200, file.Status);
        Assert.Equal("<https://mirror.example.org/enwiki/20261101/pages.bz2>; rel=duplicate; pri=1", file.Header("Link"));
        Assert.Equal(200, meta4.Status);
        Assert.Equal("application/metalink4+xml", meta4.Header("Content-Type"));
        Assert.Equal("meta4 of enwiki/20261101/pages.bz2 at https://dumps.example.org/", Encoding.UTF8.GetString(meta4.Body));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task GetListing_WithAlternatives_GeneratedDocumentsListedNextToTheirFilesInHtmlAndJson()
    {
        _tree.AddFile("enwiki/20261101/pages.bz2", 1000, seed: 1);
        _tree.AddFile("enwiki/20261101/stub.bz2", 10, seed: 2);
        var options = new WebServerOptions { Root = _tree.Root, Qos = QosSettings.Unlimited };
        options.Listen.Add("http://127.0.0.1:0");
        var parts = new WebServerParts(new QosSettingsSource(QosSettings.Unlimited), new DrainState(TimeProvider.System), new WebMetrics(), null, new FakeAlternatives());
        await using var server = await WebServer.StartAsync(options, parts: parts);

        var html = Encoding.UTF8.GetString((await Curl.GetAsync(new Uri(server.Address(), "enwiki/20261101/").ToString())).Body);
        var json = System.Text.Json.JsonDocument.Parse((await Curl.GetAsync(new Uri(server.Address(), "enwiki/20261101/?format=json").ToString())).Body);

        var names = json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["pages.bz2", "pages.bz2.meta4", "pages.bz2.torrent", "stub.bz2", "stub.bz2.meta4"], names);
        var torrent = json.RootElement.GetProperty("entries")[2];
        Assert.True(torrent.GetProperty("generated").GetBoolean());
        Assert.False(torrent.TryGetProperty("size", out _));
        Assert.Equal(1000, json.RootElement.GetProperty("entries")[0].GetProperty("size").GetInt64());
        Assert.Matches("<a href=\"pages.bz2\">pages.bz2</a>.*\n.*<a href=\"pages.bz2.meta4\">pages.bz2.meta4</a>.*>-</td></tr>\n.*<a href=\"pages.bz2.torrent\">", html);
    }

    private sealed class FakeAlternatives : IDownloadAlternatives
    {
        public IReadOnlyList<Listings.ListingEntry> ListedWith(string directoryRelativePath, IReadOnlyList<Listings.ListingEntry> entries) =>
            entries.SelectMany(e => e.Name == "pages.bz2"
                ? [e, new Listings.ListingEntry(e.Name + ".meta4", false, 0, e.Modified, Generated: true), new Listings.ListingEntry(e.Name + ".torrent", false, 0, e.Modified, Generated: true)]
                : e.Name == "stub.bz2" ? [e, new Listings.ListingEntry(e.Name + ".meta4", false, 0, e.Modified, Generated: true)] : new[] { e }).ToList();

        public IReadOnlyList<string> LinksFor(Resource file) => [$"<https://mirror.example.org/{file.RelativePath}>; rel=duplicate; pri=1"];

        public Task<GeneratedDocument?> TryRenderAsync(string relativePath, Uri? origin, CancellationToken cancellationToken) =>
            Task.FromResult(relativePath.EndsWith(".meta4", StringComparison.Ordinal)
                ? new GeneratedDocument(Encoding.UTF8.GetBytes($"meta4 of {relativePath[..^6]} at {origin}"), "application/metalink4+xml")
                : null);
    }
}
