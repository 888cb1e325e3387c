using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DumpDist.Core.Configuration.Source;
using DumpDist.Core.Processes;
using DumpDist.Mirrors.Downloads;
using DumpDist.Mirrors.Freshness;
using DumpDist.Mirrors.Hosting;
using DumpDist.Node.Composition;
using DumpDist.TestSupport;
using DumpDist.Web.Drain;
using DumpDist.Web.Hosting;
using DumpDist.Web.Metrics;
using DumpDist.Web.Qos;
using DumpDist.Web.Serving;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Node.Tests.Composition;

public sealed class TorrentMinSizeReloadTests
{
    [Fact]
    public async Task WatchedClusterFile_TorrentMinSizeLowered_WebListsAndServesTheTorrent_BadValueKeepsIt()
    {
        var scratch = TestPaths.NewTempDirectory("torrentmin");
        try
        {
            var served = Directory.CreateDirectory(Path.Combine(scratch, "public")).FullName;
            var run = Directory.CreateDirectory(Path.Combine(served, "aawiki", "20261101")).FullName;
            var body = RandomNumberGenerator.GetBytes(300_000);
            await File.WriteAllBytesAsync(Path.Combine(run, "pages.bz2"), body);
            var path = Path.Combine(scratch, "cluster.yaml");
            await File.WriteAllTextAsync(path, Cluster(scratch, "1MiB"));
            var keptRunning = new EventLogger(1002);
            var source = ClusterConfigSource.Open(path, keptRunning, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
            using var watcher = new ClusterConfigWatcher(source, TimeProvider.System, new ClusterConfigWatcherOptions { Interval = TimeSpan.FromMilliseconds(100) });
            await watcher.StartAsync(CancellationToken.None);
            var checker = new MirrorChecker(MirrorHttp.Create(TimeSpan.FromSeconds(1)), new ChildProcessRunner(), TimeProvider.System, TimeSpan.FromSeconds(1));
            using var monitor = new FreshnessMonitor(
                checker, new MirrorCheckState(MirrorCheckState.PathFor(scratch)), () => source.Current.Mirrors, served, null, () => TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance);
            var alternatives = new MirrorDownloadAlternatives(
                source, monitor, new Verified(SHA256.HashData(body)), served, new PieceHashes(Path.Combine(scratch, "pieces"), LiveRsyncSettings.TorrentMinimumSize(source)), TimeProvider.System);
            var options = new WebServerOptions { Root = scratch, Qos = QosSettings.Unlimited, ListingMaxAge = TimeSpan.FromSeconds(1) };
            options.Listen.Add("http://127.0.0.1:0");
            var parts = new WebServerParts(new QosSettingsSource(QosSettings.Unlimited), new DrainState(TimeProvider.System), new WebMetrics(), null, alternatives);
            await using var server = await WebServer.StartAsync(options, parts: parts);
            using var http = new HttpClient { BaseAddress = server.Address() };

            // 300 kB is under 1 MiB: no torrent listed or served.
            var listedBefore = await ListedAsync(http);
            var torrentBefore = await http.GetAsync("aawiki/20261101/pages.bz2.torrent");

            // 1MiB -> 200KiB: the file now gets its torrent, with no restart.
            await File.WriteAllTextAsync(path, Cluster(scratch, "200KiB"));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
            var offered = await Eventually.TrueAsync(
                async () => (await ListedAsync(http)).Contains("pages.bz2.torrent") && (await http.GetAsync("aawiki/20261101/pages.bz2.torrent")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30));
            var torrentAfter = await http.GetAsync("aawiki/20261101/pages.bz2.torrent");

            // A bad value: the file is refused and logged, and 200KiB stays.
            await File.WriteAllTextAsync(path, Cluster(scratch, "plenty"));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(10));
            var reported = await Task.WhenAny(keptRunning.Logged, Task.Delay(TimeSpan.FromSeconds(30))) == keptRunning.Logged;
            var torrentAfterBadEdit = await http.GetAsync("aawiki/20261101/pages.bz2.torrent");
            await watcher.StopAsync(CancellationToken.None);

            Assert.Equal(["pages.bz2", "pages.bz2.meta4"], listedBefore);
            Assert.Equal(HttpStatusCode.NotFound, torrentBefore.StatusCode);
            Assert.True(offered, "pages.bz2.torrent was not listed and served within 30 s of lowering torrent_min_size");
            Assert.Equal("application/x-bittorrent", torrentAfter.Content.Headers.ContentType?.MediaType);
            Assert.Contains("6:lengthi300000e", System.Text.Encoding.Latin1.GetString(await torrentAfter.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
            Assert.True(reported, "the bad cluster file was not reported");
            Assert.Equal(2, source.Generation);
            Assert.Equal(HttpStatusCode.OK, torrentAfterBadEdit.StatusCode);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<string[]> ListedAsync(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetByteArrayAsync("aawiki/20261101/?format=json"));
        return json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
    }

    private static string Cluster(string root, string minimumSize) =>
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
            root: {root}
        services:
          rsync:
            active: node1
            torrent_min_size: {minimumSize}
        """;

    private sealed class Verified(byte[] sha256) : IDigestLookup
    {
        public DigestInfo? Find(string relativePath, long length, DateTimeOffset lastModified) => new(sha256, false);
    }

    /// <summary>Completes <see cref="Logged"/> when an event with the given id is logged.</summary>
    private sealed class EventLogger(int expected) : ILogger
    {
        private readonly TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Logged => _logged.Task;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == expected)
            {
                _logged.TrySetResult();
            }
        }
    }
}
