using System.Security.Cryptography;
using DumpDist.Core.Configuration;
using DumpDist.Mirrors.Downloads;
using DumpDist.Mirrors.Freshness;
using DumpDist.Mirrors.Tests.Support;
using DumpDist.TestSupport;

namespace DumpDist.Mirrors.Tests.Downloads;

public sealed class MetalinkDownloadTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Aria2c_MetalinkWithTwoMirrorUrls_DownloadsAndVerifies()
    {
        var body = RandomNumberGenerator.GetBytes(3 << 20);
        await using var mirrorA = new TinyHttpServer(200, body);
        await using var mirrorB = new TinyHttpServer(200, body);
        var directory = TestPaths.NewTempDirectory("meta4");
        var meta4 = Path.Combine(directory, "aawiki-20261101-pages.xml.bz2.meta4");
        await File.WriteAllTextAsync(meta4, MetalinkWriter.Render(
            "aawiki-20261101-pages.xml.bz2", body.Length, SHA256.HashData(body), Convert.ToHexStringLower(SHA1.HashData(body)),
            [new Uri(mirrorA.Url, "aawiki/20261101/aawiki-20261101-pages.xml.bz2"), new Uri(mirrorB.Url, "aawiki/20261101/aawiki-20261101-pages.xml.bz2")]));

        var run = await ExternalProgram.RunAsync(
            "aria2c",
            ["--metalink-file=" + meta4, "--dir=" + directory, "--split=4", "--min-split-size=1M", "--max-connection-per-server=2", "--check-integrity=true", "--follow-metalink=mem", "--no-conf", "--console-log-level=warn"]);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal(body, await File.ReadAllBytesAsync(Path.Combine(directory, "aawiki-20261101-pages.xml.bz2")));
        Assert.True(mirrorA.Requests > 0 && mirrorB.Requests > 0, $"A {mirrorA.Requests}, B {mirrorB.Requests}");
    }

    [Fact]
    public async Task Aria2c_MetalinkWithWrongHash_FailsVerification()
    {
        var body = RandomNumberGenerator.GetBytes(1 << 20);
        await using var mirror = new TinyHttpServer(200, body);
        var directory = TestPaths.NewTempDirectory("meta4");
        var meta4 = Path.Combine(directory, "f.meta4");
        await File.WriteAllTextAsync(meta4, MetalinkWriter.Render("f", body.Length, SHA256.HashData(new byte[] { 1 }), null, [new Uri(mirror.Url, "f")]));

        var run = await ExternalProgram.RunAsync("aria2c", ["--metalink-file=" + meta4, "--dir=" + directory, "--check-integrity=true", "--no-conf", "--max-tries=1"]);

        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public void CopiesOf_RegistryWithStaleAndFresh_OffersOnlyFreshHttpMirrors()
    {
        IReadOnlyList<MirrorConfig> registry =
        [
            new() { Name = "fresh", Url = new Uri("https://fresh.example.org/dumps/"), Hostname = "fresh.example.org" },
            new() { Name = "stale", Url = new Uri("https://stale.example.org/dumps/"), Hostname = "stale.example.org" },
            new() { Name = "unchecked", Url = new Uri("https://new.example.org/"), Hostname = "new.example.org" },
            new() { Name = "rsync-only", Url = new Uri("rsync://r.example.org/dumps/"), Hostname = "r.example.org" },
            new() { Name = "off", Url = new Uri("https://off.example.org/"), Hostname = "off.example.org", Active = false },
        ];
        var state = new Dictionary<string, MirrorFreshness>
        {
            ["fresh"] = new(new MirrorCheckResult("fresh", MirrorCheckStatus.Fresh, "", Now, null, ""), Now),
            ["stale"] = new(new MirrorCheckResult("stale", MirrorCheckStatus.Stale, "", Now, TimeSpan.FromDays(1), ""), Now.AddDays(-1)),
            ["rsync-only"] = new(new MirrorCheckResult("rsync-only", MirrorCheckStatus.Fresh, "", Now, null, ""), Now),
            ["off"] = new(new MirrorCheckResult("off", MirrorCheckStatus.Fresh, "", Now, null, ""), Now),
        };

        var copies = FreshMirrors.CopiesOf("/aawiki/20261101/a b.bz2", registry, state);

        Assert.Equal([new Uri("https://fresh.example.org/dumps/aawiki/20261101/a%20b.bz2")], copies);
        Assert.Equal(
            ["<https://fresh.example.org/dumps/aawiki/20261101/a%20b.bz2>; rel=duplicate; pri=1", "<a b.bz2.meta4>; rel=describedby; type=\"application/metalink4+xml\""],
            DuplicateLinks.For(copies, "a b.bz2.meta4"));
    }
}
