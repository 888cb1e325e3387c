using System.Security.Cryptography;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Node;

/// <summary>SIGTERM while a download is in flight: the node stops accepting, lets it finish, and exits 0.</summary>
public sealed class NodeShutdownTests : IAsyncLifetime
{
    private readonly string _dir = TestPaths.NewTempDirectory("node-stop");
    private TwoNodeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TwoNodeCluster.CreateAsync(_dir, rate: "1MiB");

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Node_SigtermDuringDownload_DownloadCompletesNewConnectionsRefusedExitZero()
    {
        var c = _cluster;
        var node = await c.StartAsync("a");
        using (var sync = await c.CallAsync(HttpMethod.Post, "a", "api/v1/sync?wait=true"))
        {
            Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync());
        }

        // A 3 MiB file at 1 MiB/s: about three seconds, so SIGTERM lands in the middle.
        var path = Path.Combine(_dir, "a", "root", "public", "big.bin");
        var body = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);
        await File.WriteAllBytesAsync(path, body);
        using var response = await c.Http.GetAsync(c.Web("a", "big.bin"), HttpCompletionOption.ResponseHeadersRead);
        var download = response.Content.ReadAsByteArrayAsync();
        var exit = node.TerminateAsync(TimeSpan.FromSeconds(60));
        var refusedNew = await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var probe = new HttpClient();
                await probe.GetAsync(c.Web("a", "index.html"));
                return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(10));
        var received = await download;

        Assert.True(refusedNew, "the node still accepted new connections after SIGTERM");
        Assert.Equal(body, received);
        Assert.Equal(0, await exit);
    }
}
