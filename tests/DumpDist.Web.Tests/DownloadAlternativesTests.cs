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

    private sealed class FakeAlternatives : IDownloadAlternatives
    {
        public IReadOnlyList<string> LinksFor(Resource file) => [$"<https://mirror.example.org/{file.RelativePath}>; rel=duplicate; pri=1"];

        public Task<GeneratedDocument?> TryRenderAsync(string relativePath, Uri? origin, CancellationToken cancellationToken) =>
            Task.FromResult(relativePath.EndsWith(".meta4", StringComparison.Ordinal)
                ? new GeneratedDocument(Encoding.UTF8.GetBytes($"meta4 of {relativePath[..^6]} at {origin}"), "application/metalink4+xml")
                : null);
    }
}
