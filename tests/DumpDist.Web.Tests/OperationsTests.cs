using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DumpDist.TestSupport;
using DumpDist.Web.Qos;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

public sealed class OperationsTests : IDisposable
{
    private readonly TestTree _tree = new();
    private readonly string _logDir = TestPaths.NewTempDirectory("weblog");

    public void Dispose()
    {
        _tree.Dispose();
        Directory.Delete(_logDir, recursive: true);
    }

    [Fact]
    public async Task Drain_InFlightDownloadFinishes_NewDownloads503_HealthSaysDraining()
    {
        var file = _tree.AddFile("enwiki/big.bin", 3 * 1024 * 1024, seed: 9);
        await using var server = await RunningServer.StartAsync(_tree, QosSettings.Unlimited with { Rate = 2 * 1024 * 1024 }, o => o.AdminListen = "http://127.0.0.1:0");
        using var http = new HttpClient();
        var inFlight = http.GetByteArrayAsync(server.Url("enwiki/big.bin"));
        await Task.Delay(300);

        using var drain = await http.PostAsync(new Uri(server.Server.AdminAddress!, "drain"), null);
        var refused = await Curl.GetAsync(server.Url("enwiki/big.bin"));
        var head = await Curl.GetAsync(server.Url("enwiki/big.bin"), "-I");
        var health = await Curl.GetAsync(server.Url("-/health"));
        var completed = await inFlight;
        using var undrain = await http.PostAsync(new Uri(server.Server.AdminAddress!, "undrain"), null);
        var healthAfter = await Curl.GetAsync(server.Url("-/health"));

        Assert.Equal(HttpStatusCode.NoContent, drain.StatusCode);
        Assert.Equal(503, refused.Status);
        Assert.Equal("30", refused.Header("Retry-After"));
        Assert.Equal(200, head.Status);
        Assert.Equal(503, health.Status);
        Assert.Contains("\"draining\"", health.Text, StringComparison.Ordinal);
        Assert.Equal(file, completed);
        Assert.Equal(200, healthAfter.Status);
        Assert.Contains("\"ok\"", healthAfter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_WithDeadline_InFlightDownloadCutOffAfterIt()
    {
        _tree.AddFile("enwiki/slow.bin", 4 * 1024 * 1024, seed: 3);
        await using var server = await RunningServer.StartAsync(_tree, QosSettings.Unlimited with { Rate = 512 * 1024 }, o => o.AdminListen = "http://127.0.0.1:0");
        using var http = new HttpClient();
        var watch = Stopwatch.StartNew();
        var inFlight = Curl.GetAsync(server.Url("enwiki/slow.bin"), "--max-time", "20");
        await Task.Delay(300);

        using var drain = await http.PostAsync(new Uri(server.Server.AdminAddress!, "drain?deadline=1"), null);
        var cut = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => inFlight);

        // 4 MiB at 512 KiB/s would take 8 s; the deadline ends it after about 1.3 s.
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(1.2) && watch.Elapsed < TimeSpan.FromSeconds(5), $"download ran {watch.Elapsed}");
        Assert.Matches(@"curl failed \((18|56)\)", cut.Message);
        Assert.Equal(0, server.Server.Metrics.ActiveDownloads.Value);
    }

    [Fact]
    public async Task Drain_WithoutDeadline_ConfiguredDrainDeadlineCutsOffInFlightDownload()
    {
        _tree.AddFile("enwiki/slow.bin", 4 * 1024 * 1024, seed: 4);
        await using var server = await RunningServer.StartAsync(_tree, QosSettings.Unlimited with { Rate = 512 * 1024 }, o =>
        {
            o.AdminListen = "http://127.0.0.1:0";
            o.DrainDeadline = TimeSpan.FromSeconds(1);
        });
        using var http = new HttpClient();
        var watch = Stopwatch.StartNew();
        var inFlight = Curl.GetAsync(server.Url("enwiki/slow.bin"), "--max-time", "20");
        await Task.Delay(300);

        using var drain = await http.PostAsync(new Uri(server.Server.AdminAddress!, "drain"), null);
        var cut = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => inFlight);

        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(1.2) && watch.Elapsed < TimeSpan.FromSeconds(5), $"download ran {watch.Elapsed}");
        Assert.Matches(@"curl failed \((18|56)\)", cut.Message);
    }

    [Fact]
    public async Task AccessLog_Requests_NginxCombinedLines()
    {
        _tree.AddText("enwiki/a.txt", "hello");
        _tree.AddFile("enwiki/big.bin", 1_000_000, seed: 2);
        var log = Path.Combine(_logDir, "access.log");
        double zeroCopyBytes;
        await using (var server = await RunningServer.StartAsync(_tree, configure: o => o.AccessLogPath = log))
        {
            await Curl.GetAsync(server.Url("enwiki/a.txt"), "-A", "Mozilla/5.0 \"quoted\"", "-e", "http://ref.example/");
            await Curl.GetAsync(server.Url("enwiki/missing"), "-A", "wget");
            await Curl.GetAsync(server.Url("enwiki/big.bin"), "-r", "100-");
            zeroCopyBytes = server.Server.Metrics.ZeroCopyBytes.Value;
        }

        var lines = await File.ReadAllLinesAsync(log);
        Assert.Equal(3, lines.Length);
        var combined = new Regex("""^(\S+) - - \[(\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] "(\S+) (\S+) (\S+)" (\d{3}) (\d+) "([^"]*)" "((?:[^"\\]|\\x..)*)"$""");
        var first = combined.Match(lines[0]);
        Assert.True(first.Success, lines[0]);
        Assert.Equal("127.0.0.1", first.Groups[1].Value);
        Assert.Equal("GET", first.Groups[3].Value);
        Assert.Equal("/enwiki/a.txt", first.Groups[4].Value);
        Assert.Equal("HTTP/1.1", first.Groups[5].Value);
        Assert.Equal("200", first.Groups[6].Value);
        Assert.Equal("5", first.Groups[7].Value);
        Assert.Equal("http://ref.example/", first.Groups[8].Value);
        Assert.Equal("Mozilla/5.0 \\x22quoted\\x22", first.Groups[9].Value);
        var second = combined.Match(lines[1]);
        Assert.True(second.Success, lines[1]);
        Assert.Equal("404", second.Groups[6].Value);
        Assert.Equal("-", second.Groups[8].Value);
        var third = combined.Match(lines[2]);
        Assert.Equal("206", third.Groups[6].Value);
        Assert.Equal("999900", third.Groups[7].Value);
        Assert.Equal(999_900, zeroCopyBytes);
    }

    [Fact]
    public async Task Metrics_AdminListener_PrometheusCountersAndNotOnPublicPort()
    {
        _tree.AddText("enwiki/a.txt", "hello");
        await using var server = await RunningServer.StartAsync(_tree, QosSettings.Unlimited with { BlockUserAgents = [new Regex("^bad")] }, o => o.AdminListen = "http://127.0.0.1:0");
        await Curl.GetAsync(server.Url("enwiki/a.txt"));
        await Curl.GetAsync(server.Url("enwiki/a.txt"), "-A", "badbot");

        var metrics = await Curl.GetAsync(new Uri(server.Server.AdminAddress!, "metrics").ToString());
        var publicMetrics = await Curl.GetAsync(server.Url("metrics"));

        Assert.Equal(200, metrics.Status);
        Assert.Contains("dumpdist_web_requests_total{status=\"200\"} 1", metrics.Text, StringComparison.Ordinal);
        Assert.Contains("dumpdist_web_requests_total{status=\"403\"} 1", metrics.Text, StringComparison.Ordinal);
        Assert.Contains("dumpdist_web_blocked_total 1", metrics.Text, StringComparison.Ordinal);
        Assert.Contains("dumpdist_web_sent_bytes_total 5", metrics.Text, StringComparison.Ordinal);
        Assert.Equal(404, publicMetrics.Status);
    }

    [Fact]
    public async Task Api_ThroughServer_LatestGoodRunAndPublicServedAtRoot()
    {
        _tree.AddText("public/enwiki/20261101/dumpstatus.json", """{"jobs": {"articlesdump": {"status": "done", "updated": "2026-11-02 10:00:00", "files": {"enwiki-20261101-pages-articles.xml.bz2": {"size": 4, "url": "/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2"}}}}, "version": "0.8"}""");
        _tree.AddText("public/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2", "data");
        await using var server = await RunningServer.StartAsync(_tree);

        var latest = await Curl.GetAsync(server.Url("api/v1/wikis/enwiki/latest"));
        var file = await Curl.GetAsync(server.Url("enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2"));

        Assert.Equal(200, latest.Status);
        Assert.Contains("20261101", latest.Text, StringComparison.Ordinal);
        Assert.Equal(200, file.Status);
        Assert.Equal("data", file.Text);
    }
}
