using System.Security.Cryptography;
using System.Text;
using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Core.Processes;
using DumpDist.Mirrors.Downloads;
using DumpDist.Mirrors.Freshness;
using DumpDist.Node.Composition;
using DumpDist.TestSupport;
using DumpDist.Web.Serving;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Node.Tests.Composition;

public sealed class MirrorDownloadAlternativesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Documents_FreshAndStaleMirrors_OnlyFreshOfferedAndTorrentOnlyWhenVerified()
    {
        var scratch = TestPaths.NewTempDirectory("alternatives");
        var served = Directory.CreateDirectory(Path.Combine(scratch, "public")).FullName;
        var run = Directory.CreateDirectory(Path.Combine(served, "aawiki", "20261101")).FullName;
        var body = RandomNumberGenerator.GetBytes(300_000);
        await File.WriteAllBytesAsync(Path.Combine(run, "pages.bz2"), body);
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(body));
        await File.WriteAllTextAsync(Path.Combine(run, "aawiki-20261101-sha1sums.txt"), $"{sha1}  pages.bz2\n");
        var config = ClusterConfigLoader.Parse(
            $"""
            source:
              url: /srv/canonical
            datasets:
              - name: dumps
                path: public
                layout: wiki-runs
            hosts:
              - name: node1
                public_address: 127.0.0.2
                admin_address: 127.0.0.1:19100
                root: {scratch}
            mirrors:
              - name: fresh
                url: https://fresh.example.org/dumps/
                hostname: fresh.example.org
              - name: stale
                url: https://stale.example.org/dumps/
                hostname: stale.example.org
            """,
            "cluster.yaml").Config!;
        var source = ClusterConfigSource.FromSnapshot(Path.Combine(scratch, "cluster.yaml"), config, NullLogger.Instance);
        var state = new MirrorCheckState(MirrorCheckState.PathFor(scratch));
        await state.RecordAsync(
            [new MirrorCheckResult("fresh", MirrorCheckStatus.Fresh, "", Now, null, ""), new MirrorCheckResult("stale", MirrorCheckStatus.Stale, "", Now, TimeSpan.FromDays(2), "")],
            CancellationToken.None);
        var checker = new MirrorChecker(MirrorHttp.Create(TimeSpan.FromSeconds(1)), new ChildProcessRunner(), TimeProvider.System, TimeSpan.FromSeconds(1));
        var monitor = new FreshnessMonitor(checker, state, () => config.Mirrors, served, null, () => TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance);
        var digests = new Digests { Sha256 = null };
        var alternatives = new MirrorDownloadAlternatives(source, monitor, digests, served, new PieceHashes(Path.Combine(scratch, "pieces"), 0), TimeProvider.System);
        var origin = new Uri("http://127.0.0.2/");
        var info = new FileInfo(Path.Combine(run, "pages.bz2"));
        var resource = new Resource(ResourceKind.File, "aawiki/20261101/pages.bz2", info.FullName, info.Length, info.LastWriteTimeUtc);

        var links = alternatives.LinksFor(resource);
        var unverifiedTorrent = await alternatives.TryRenderAsync("aawiki/20261101/pages.bz2.torrent", origin, CancellationToken.None);
        var unverifiedListing = Listed(alternatives, run);
        digests.Sha256 = SHA256.HashData(body);
        var verifiedListing = Listed(alternatives, run);
        var meta4 = await alternatives.TryRenderAsync("aawiki/20261101/pages.bz2.meta4", origin, CancellationToken.None);
        var torrent = await alternatives.TryRenderAsync("aawiki/20261101/pages.bz2.torrent", origin, CancellationToken.None);
        var meta4WithoutOrigin = await alternatives.TryRenderAsync("aawiki/20261101/pages.bz2.meta4", null, CancellationToken.None);

        Assert.Equal(["<https://fresh.example.org/dumps/aawiki/20261101/pages.bz2>; rel=duplicate; pri=1", "<pages.bz2.meta4>; rel=describedby; type=\"application/metalink4+xml\""], links);
        Assert.Empty(alternatives.LinksFor(new Resource(ResourceKind.File, "aawiki/20261101/aawiki-20261101-sha1sums.txt", info.FullName, 1, Now)));
        Assert.Null(unverifiedTorrent);
        var xml = Encoding.UTF8.GetString(meta4!.Body);
        Assert.Contains($"<hash type=\"sha-256\">{Convert.ToHexStringLower(SHA256.HashData(body))}</hash>", xml, StringComparison.Ordinal);
        Assert.Contains($"<hash type=\"sha-1\">{sha1}</hash>", xml, StringComparison.Ordinal);
        Assert.Contains("<url priority=\"1\">http://127.0.0.2/aawiki/20261101/pages.bz2</url>", xml, StringComparison.Ordinal);
        Assert.Contains("<url priority=\"2\">https://fresh.example.org/dumps/aawiki/20261101/pages.bz2</url>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("stale.example.org", xml, StringComparison.Ordinal);
        Assert.Contains("<metaurl mediatype=\"torrent\" priority=\"1\">http://127.0.0.2/aawiki/20261101/pages.bz2.torrent</metaurl>", xml, StringComparison.Ordinal);
        Assert.Equal(["aawiki-20261101-sha1sums.txt", "pages.bz2", "pages.bz2.meta4"], unverifiedListing);
        Assert.Equal(["aawiki-20261101-sha1sums.txt", "pages.bz2", "pages.bz2.meta4", "pages.bz2.torrent"], verifiedListing);
        Assert.Equal("application/x-bittorrent", torrent!.ContentType);
        Assert.Contains("8:url-listl", Encoding.Latin1.GetString(torrent.Body), StringComparison.Ordinal);
        Assert.Null(await alternatives.TryRenderAsync("aawiki/20261101/none.bz2.meta4", origin, CancellationToken.None));
        // No public_url: only the mirrors, whose URLs are absolute; this server is left out rather than guessed.
        var withoutOrigin = Encoding.UTF8.GetString(meta4WithoutOrigin!.Body);
        Assert.Contains("<url priority=\"1\">https://fresh.example.org/dumps/aawiki/20261101/pages.bz2</url>", withoutOrigin, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.2", withoutOrigin, StringComparison.Ordinal);
    }

    private static string[] Listed(MirrorDownloadAlternatives alternatives, string directory) =>
        alternatives.ListedWith(
                "aawiki/20261101",
                Directory.GetFiles(directory).Order(StringComparer.Ordinal)
                    .Select(f => new Web.Listings.ListingEntry(Path.GetFileName(f), false, new FileInfo(f).Length, File.GetLastWriteTimeUtc(f)))
                    .ToList())
            .Select(e => e.Name)
            .ToArray();

    private sealed class Digests : IDigestLookup
    {
        public byte[]? Sha256 { get; set; }

        public DigestInfo? Find(string relativePath, long length, DateTimeOffset lastModified) => Sha256 is null ? null : new DigestInfo(Sha256, false);
    }
}
