using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DumpDist.TestSupport;
using DumpDist.Web.Qos;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

[Collection(TimingCollection.Name)]
public sealed class QosTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Aria2cEightConnections_CapThree_CompletesVerifiedAndExcessGets429()
    {
        var file = _tree.AddFile("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2", (int)(8 * MiB), seed: 21);
        await using var server = await RunningServer.StartAsync(_tree, new QosSettings { ConnLimit = 3, Rate = 4 * MiB, RateAfter = 0, RetryAfterSeconds = 1 });
        var dir = TestPaths.NewTempDirectory("aria2");
        try
        {
            var result = await ExternalProgram.RunAsync("aria2c",
                ["-x", "8", "-s", "8", "-k", "1M", "--max-tries=0", "--retry-wait=1", "--allow-overwrite=true", "--console-log-level=warn",
                 "--summary-interval=0", "-d", dir, "-o", "out.bz2", server.Url("enwiki/20240101/enwiki-20240101-pages-articles.xml.bz2")],
                timeout: TimeSpan.FromSeconds(60));

            Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
            Assert.Equal(file, await File.ReadAllBytesAsync(Path.Combine(dir, "out.bz2")));
            Assert.True(server.Server.Metrics.Limited.Value >= 1, "connections beyond the cap were answered 429");
            Assert.True(server.Server.Metrics.Requests.WithLabels("429").Value >= 1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Get_FourthConcurrentDownload_429WithRetryAfter()
    {
        _tree.AddFile("big.bin", (int)(8 * MiB), seed: 1);
        await using var server = await RunningServer.StartAsync(_tree, new QosSettings { ConnLimit = 3, Rate = 1 * MiB, RateAfter = 0 });
        // Three slow downloads (8 s each at 1 MiB/s) that curl cuts off after 5 s on purpose.
        var slow = Enumerable.Range(0, 3).Select(_ => ExternalProgram.RunAsync("curl",
            ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-A", "same-agent", "--max-time", "5", server.Url("big.bin")])).ToList();
        Assert.True(await Eventually.TrueAsync(() => server.Server.Metrics.ActiveDownloads.Value == 3, TimeSpan.FromSeconds(20)), "three downloads running");

        var fourth = await Curl.GetAsync(server.Url("big.bin"), "-A", "same-agent");
        var otherAgent = await Curl.GetAsync(server.Url("big.bin"), "-A", "other-agent", "-r", "0-99");

        Assert.Equal(429, fourth.Status);
        Assert.Equal("5", fourth.Header("Retry-After"));
        Assert.Equal(206, otherAgent.Status);
        foreach (var result in await Task.WhenAll(slow))
        {
            // 28: curl's "operation timed out", after the 200 had started: they were running, not refused.
            Assert.True(result.ExitCode == 28 && result.StandardOutput == "200", $"slow download: exit {result.ExitCode}, status {result.StandardOutput}, {result.StandardError}");
        }
    }

    [Fact]
    public async Task Get_PerDownloadRateAfterFreeBytes_NeverFasterThanTheCap()
    {
        _tree.AddFile("rated.bin", (int)(7 * MiB), seed: 2);
        _tree.AddFile("warm.bin", 64 * 1024, seed: 5);
        await using var server = await RunningServer.StartAsync(_tree, new QosSettings { ConnLimit = 0, Rate = 2 * MiB, RateAfter = 1 * MiB });
        await TimedDownloadAsync(server.Url("warm.bin"), "ua");

        var seconds = await TimedDownloadAsync(server.Url("rated.bin"), "ua");

        // 1 MiB free, then 6 MiB at 2 MiB/s: 3 s. The cap is the lower bound; above, only a wide
        // bound (a loaded machine can only make it slower; the exact pacing is in TransferPacerTests).
        Assert.InRange(seconds, 2.7, 9);
    }

    [Fact]
    public async Task Get_TwoDownloadsOneIp_SharePerIpCap()
    {
        _tree.AddFile("a.bin", (int)(3 * MiB), seed: 3);
        _tree.AddFile("b.bin", (int)(3 * MiB), seed: 4);
        _tree.AddFile("warm.bin", 300 * 1024, seed: 5);
        await using var server = await RunningServer.StartAsync(_tree, new QosSettings { ConnLimit = 0, Rate = 0, IpRate = 2 * MiB });
        // Warm-up through the same path (JIT of client and server, first connection) so the
        // measurement below times the bucket, not a cold process on a loaded machine.
        await Task.WhenAll(TimedDownloadAsync(server.Url("warm.bin"), "agent-a"), TimedDownloadAsync(server.Url("warm.bin"), "agent-b"));
        await Task.Delay(600);

        var watch = Stopwatch.StartNew();
        var a = TimedDownloadAsync(server.Url("a.bin"), "agent-a");
        var b = TimedDownloadAsync(server.Url("b.bin"), "agent-b");
        await Task.WhenAll(a, b);
        var total = watch.Elapsed.TotalSeconds;

        // 6 MiB through one 2 MiB/s bucket: 3 s for the pair, and each alone would have taken 1.5 s.
        Assert.True(total is > 2.7 and < 9, $"pair took {total:F2}s (a {await a:F2}s, b {await b:F2}s)");
        Assert.True(await a > 2.2 && await b > 2.2, $"a {await a:F2}s b {await b:F2}s: the bucket is shared fairly");
    }

    [Fact]
    public async Task Get_AllowListedClient_ExemptFromRate()
    {
        _tree.AddFile("fast.bin", (int)(3 * MiB), seed: 5);
        await using var server = await RunningServer.StartAsync(_tree, new QosSettings
        {
            ConnLimit = 1, Rate = 1 * MiB, RateAfter = 0, AllowCidrs = [IPNetwork.Parse("127.0.0.0/8")],
        });

        var seconds = await TimedCurlAsync(server.Url("fast.bin"), "mirror");

        // Paced, it would take 3 s; on a loaded machine an exempt copy still takes far less.
        Assert.True(seconds < 2.5, $"allow-listed download took {seconds:F2}s at a 1 MiB/s limit");
    }

    [Fact]
    public async Task Get_GlobalRate_CapsEgress()
    {
        _tree.AddFile("g.bin", (int)(4 * MiB), seed: 6);
        _tree.AddFile("warm.bin", 64 * 1024, seed: 7);
        await using var server = await RunningServer.StartAsync(_tree, new QosSettings { ConnLimit = 0, Rate = 0, GlobalRate = 2 * MiB });
        // Warm-up right before (no pause, so the shared bucket has no idle credit to hand out).
        await TimedDownloadAsync(server.Url("warm.bin"), "any");

        var seconds = await TimedDownloadAsync(server.Url("g.bin"), "any");

        // 4 MiB at 2 MiB/s: 2 s, less the at most half a second of credit the shared bucket may
        // have gathered since the server started. Above, only a wide bound.
        Assert.InRange(seconds, 1.45, 8);
    }

    [Fact]
    public async Task Get_BlockedUserAgent_403_AndReloadTakesEffect()
    {
        _tree.AddText("x.txt", "x");
        await using var server = await RunningServer.StartAsync(_tree, QosSettings.Unlimited with { BlockUserAgents = [new Regex("^BadBot", RegexOptions.None, TimeSpan.FromMilliseconds(50))] });

        var bad = await Curl.GetAsync(server.Url("x.txt"), "-A", "BadBot/1.0");
        var good = await Curl.GetAsync(server.Url("x.txt"), "-A", "curl/8");
        server.Server.Qos.Update(server.Server.Qos.Current with { BlockUserAgents = [new Regex("^curl", RegexOptions.None, TimeSpan.FromMilliseconds(50))] });
        var reloaded = await Curl.GetAsync(server.Url("x.txt"), "-A", "curl/8");

        Assert.Equal(403, bad.Status);
        Assert.Equal(200, good.Status);
        Assert.Equal(403, reloaded.Status);
        Assert.Equal(2, server.Server.Metrics.Blocked.Value);
    }

    [Fact]
    public async Task Get_ForwardedForFromTrustedProxy_BlockedByCidr_UntrustedHeaderIgnored()
    {
        _tree.AddText("x.txt", "x");
        var settings = QosSettings.Unlimited with { BlockCidrs = [IPNetwork.Parse("203.0.113.0/24")] };
        await using var untrusted = await RunningServer.StartAsync(_tree, settings);
        await using var trusted = await RunningServer.StartAsync(_tree, settings with { TrustedProxies = [IPNetwork.Parse("127.0.0.1/32")] });

        var ignored = await Curl.GetAsync(untrusted.Url("x.txt"), "-H", "X-Forwarded-For: 203.0.113.9");
        var believed = await Curl.GetAsync(trusted.Url("x.txt"), "-H", "X-Forwarded-For: 203.0.113.9");
        var spoofedLeft = await Curl.GetAsync(trusted.Url("x.txt"), "-H", "X-Forwarded-For: 203.0.113.9, 198.51.100.7");

        Assert.Equal(200, ignored.Status);
        Assert.Equal(403, believed.Status);
        Assert.Equal(200, spoofedLeft.Status);
    }

    [Fact]
    public async Task Get_ClientStopsReading_DisconnectedAfterTimeoutAndSlotFreed()
    {
        _tree.AddFile("huge.bin", (int)(64 * MiB), seed: 7);
        await using var server = await RunningServer.StartAsync(_tree, QosSettings.Unlimited with { ClientTimeout = TimeSpan.FromSeconds(1) });
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(server.BaseUri.Host, server.BaseUri.Port);
        await client.SendAsync("GET /huge.bin HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        var deadline = Stopwatch.StartNew();
        while (server.Server.Metrics.ActiveDownloads.Value > 0 || deadline.Elapsed < TimeSpan.FromMilliseconds(300))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "stalled download was not cut off");
            await Task.Delay(100);
        }

        Assert.True(deadline.Elapsed > TimeSpan.FromSeconds(0.9), $"cut off after {deadline.Elapsed}, before the timeout");
        var after = await Curl.GetAsync(server.Url("huge.bin"), "-r", "0-9");
        Assert.Equal(206, after.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Get_SlowSteadyClient_NotCutOffWhileItKeepsReading(bool zeroCopy)
    {
        // One send of the old design (an 8 MiB sendfile piece) had to finish within the client
        // timeout, so a client slower than 8 MiB per timeout was cut off mid-download though it
        // kept reading. The watchdog now looks at progress, not at whole sends.
        var file = _tree.AddFile("slow.bin", (int)(9 * MiB), seed: 11);
        await using var server = await RunningServer.StartAsync(_tree, QosSettings.Unlimited with { ClientTimeout = TimeSpan.FromSeconds(2) }, o => o.ZeroCopy = zeroCopy);
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 64 * 1024 };
        await client.ConnectAsync(server.BaseUri.Host, server.BaseUri.Port);
        await client.SendAsync("GET /slow.bin HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        // About 1.5 MiB/s: 6 s for the file; the first 8 MiB take over twice the timeout.
        var received = new MemoryStream();
        var buffer = new byte[32 * 1024];
        var clock = Stopwatch.StartNew();
        const double bytesPerSecond = 1.5 * MiB;
        while (true)
        {
            var ahead = received.Length / bytesPerSecond - clock.Elapsed.TotalSeconds;
            if (ahead > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(ahead));
            }

            var n = await client.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(30));
            if (n == 0)
            {
                break;
            }

            received.Write(buffer, 0, n);
            if (received.Length >= file.Length + 64 && BodyOf(received.ToArray()).Length >= file.Length)
            {
                break;
            }
        }

        var body = BodyOf(received.ToArray());
        Assert.True(body.Length == file.Length, $"received {body.Length} of {file.Length} body bytes in {clock.Elapsed} before the server closed");
        Assert.Equal(file, body);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(4), $"the client read faster than intended ({clock.Elapsed})");
    }

    private static byte[] BodyOf(byte[] response)
    {
        var end = response.AsSpan().IndexOf("\r\n\r\n"u8);
        return end < 0 ? [] : response[(end + 4)..];
    }

    // In-process client for the timed transfers: spawning curl on a loaded 2-core machine skews
    // the start of concurrent downloads by hundreds of milliseconds.
    private static async Task<double> TimedDownloadAsync(string url, string agent)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd(agent);
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
        {
            total += n;
        }

        Assert.Equal(response.Content.Headers.ContentLength, total);
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> TimedCurlAsync(string url, string agent)
    {
        var result = await ExternalProgram.RunAsync("curl", ["-sS", "-o", "/dev/null", "-A", agent, "-w", "%{http_code} %{time_total}", url]);
        Assert.Equal(0, result.ExitCode);
        var parts = result.StandardOutput.Split(' ');
        Assert.Equal("200", parts[0]);
        return double.Parse(parts[1], CultureInfo.InvariantCulture);
    }
}
