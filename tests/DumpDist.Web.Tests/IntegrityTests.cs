using System.Security.Cryptography;
using DumpDist.Web.Hosting;
using DumpDist.Web.Qos;
using DumpDist.Web.Serving;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

public sealed class IntegrityTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Get_VerifiedFile_ReprDigestSha256_FailedFileNotServed()
    {
        var good = _tree.AddFile("enwiki/good.bz2", 300_000, seed: 1);
        _tree.AddFile("enwiki/corrupt.bz2", 1000, seed: 2);
        var lookup = new FakeDigests(new Dictionary<string, DigestInfo>
        {
            ["enwiki/good.bz2"] = new(SHA256.HashData(good), Failed: false),
            ["enwiki/corrupt.bz2"] = new(null, Failed: true),
        });
        var options = new WebServerOptions { Root = _tree.Root, Qos = QosSettings.Unlimited };
        options.Listen.Add("http://127.0.0.1:0");
        await using var server = await WebServer.StartAsync(options, digests: lookup);

        var ok = await Curl.GetAsync(new Uri(server.Address(), "enwiki/good.bz2").ToString());
        var partial = await Curl.GetAsync(new Uri(server.Address(), "enwiki/good.bz2").ToString(), "-r", "0-9");
        var corrupt = await Curl.GetAsync(new Uri(server.Address(), "enwiki/corrupt.bz2").ToString());

        var expected = "sha-256=:" + Convert.ToBase64String(SHA256.HashData(good)) + ":";
        Assert.Equal(200, ok.Status);
        Assert.Equal(expected, ok.Header("Repr-Digest"));
        Assert.Equal(good, ok.Body);
        Assert.Equal(206, partial.Status);
        Assert.Equal(expected, partial.Header("Repr-Digest"));
        Assert.Equal(404, corrupt.Status);
        Assert.Contains("failed verification", corrupt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NoVerificationKnown_NoReprDigest()
    {
        _tree.AddText("a.txt", "a");
        await using var server = await RunningServer.StartAsync(_tree);

        var result = await Curl.GetAsync(server.Url("a.txt"));

        Assert.Equal(200, result.Status);
        Assert.Null(result.Header("Repr-Digest"));
    }

    private sealed class FakeDigests(Dictionary<string, DigestInfo> known) : IDigestLookup
    {
        public DigestInfo? Find(string relativePath, long length, DateTimeOffset lastModified) => known.GetValueOrDefault(relativePath);
    }
}
