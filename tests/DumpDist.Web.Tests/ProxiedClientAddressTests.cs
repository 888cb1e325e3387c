using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DumpDist.TestSupport;
using DumpDist.Web.Qos;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

/// <summary>
/// A real HAProxy in front of the web server, as `dumpdist lb haproxy` renders it (HTTP mode with
/// X-Forwarded-For) and with a PROXY v2 header (TCP mode), clients on distinct 127.0.0.x source
/// addresses: blocking, the per-client connection cap and the access log see the client's own
/// address; the same headers from a proxy that is not trusted change nothing.
/// </summary>
public sealed partial class ProxiedClientAddressTests : IAsyncLifetime
{
    private const string Blocked = "127.0.0.6";
    private const string Untrusted = "127.0.0.9";

    private readonly TestTree _tree = new();
    private readonly string _logDirectory = TestPaths.NewTempDirectory("proxied-log");
    private RunningServer _server = null!;
    private HaproxyProcess _haproxy = null!;
    private int _forwardedFor;
    private int _proxyProtocol;
    private int _untrustedProxy;

    private string AccessLog => Path.Combine(_logDirectory, "access.log");

    public async Task InitializeAsync()
    {
        _tree.AddText("x.txt", "hello\n");
        _tree.AddFile("big.bin", 512 * 1024, seed: 4);
        var qos = QosSettings.Unlimited with
        {
            TrustedProxies = [IPNetwork.Parse("127.0.0.1/32")],
            BlockCidrs = [IPNetwork.Parse(Blocked + "/32")],
            ConnLimit = 1,
            Rate = 32 * 1024,
            RateAfter = 0,
        };
        _server = await RunningServer.StartAsync(_tree, qos, o => o.AccessLogPath = AccessLog);
        var web = _server.BaseUri.Port;
        _forwardedFor = FreePort.Next();
        _proxyProtocol = FreePort.Next();
        _untrustedProxy = FreePort.Next();
        var config = string.Create(CultureInfo.InvariantCulture, $"""
            defaults
                timeout connect 5s
                timeout client 60s
                timeout server 60s

            frontend forwarded-for
                mode http
                bind 127.0.0.1:{_forwardedFor}
                default_backend forwarded-for

            backend forwarded-for
                mode http
                option forwardfor
                server web 127.0.0.1:{web}

            frontend proxy-protocol
                mode tcp
                bind 127.0.0.1:{_proxyProtocol}
                default_backend proxy-protocol

            backend proxy-protocol
                mode tcp
                server web 127.0.0.1:{web} send-proxy-v2

            frontend untrusted
                mode http
                bind 127.0.0.1:{_untrustedProxy}
                default_backend untrusted

            backend untrusted
                mode http
                option forwardfor
                server web 127.0.0.1:{web} source {Untrusted}

            """);
        _haproxy = await HaproxyProcess.StartAsync(config, _untrustedProxy);
    }

    public async Task DisposeAsync()
    {
        await _haproxy.DisposeAsync();
        await _server.DisposeAsync();
        _tree.Dispose();
        Directory.Delete(_logDirectory, recursive: true);
    }

    [Fact]
    public async Task ThroughHaproxy_ClientAddressFromForwardedForAndProxyHeader_UntrustedProxyIgnored()
    {
        Assert.Equal(200, await StatusAsync("127.0.0.5", _forwardedFor, "x.txt"));
        Assert.Equal(403, await StatusAsync(Blocked, _forwardedFor, "x.txt"));
        Assert.Equal(200, await StatusAsync("127.0.0.5", _proxyProtocol, "x.txt"));
        Assert.Equal(403, await StatusAsync(Blocked, _proxyProtocol, "x.txt"));

        // HAProxy adds the blocked client's address, but from a source that is not a trusted proxy.
        Assert.Equal(200, await StatusAsync(Blocked, _untrustedProxy, "x.txt"));

        // Straight to the server, a client cannot choose its address with the header either.
        Assert.Equal(200, await StatusAsync("127.0.0.5", _server.BaseUri.Port, "x.txt", "-H", $"X-Forwarded-For: {Blocked}"));

        var log = await LogAsync(6);
        Assert.Equal(
            [("127.0.0.5", 200), (Blocked, 403), ("127.0.0.5", 200), (Blocked, 403), (Untrusted, 200), ("127.0.0.5", 200)],
            log);
    }

    [Fact]
    public async Task ThroughHaproxy_ConnectionCap_CountsEachRealClientApart()
    {
        // One paced download holds client .7's only slot (conn_limit 1, 32 KiB/s for 512 KiB).
        using var download = StartCurl("127.0.0.7", _forwardedFor, "big.bin");
        try
        {
            Assert.True(
                await Eventually.TrueAsync(async () => await StatusAsync("127.0.0.7", _forwardedFor, "big.bin", "-r", "0-0") == 429, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(200)),
                "client .7's second download was never refused while its first ran");

            // Every client reaches the server from HAProxy's one address; each is still its own client.
            Assert.Equal(206, await StatusAsync("127.0.0.8", _forwardedFor, "big.bin", "-r", "0-0"));
            Assert.Equal(206, await StatusAsync("127.0.0.8", _proxyProtocol, "big.bin", "-r", "0-0"));
            Assert.Equal(429, await StatusAsync("127.0.0.7", _proxyProtocol, "big.bin", "-r", "0-0"));
        }
        finally
        {
            download.Kill();
            await download.WaitForExitAsync();
        }

        var log = await LogAsync(4);
        Assert.Contains(("127.0.0.7", 429), log);
        Assert.Equal(2, log.Count(l => l == ("127.0.0.8", 206)));
        Assert.DoesNotContain(log, l => l.Address == "127.0.0.1");
    }

    private static async Task<int> StatusAsync(string client, int port, string path, params string[] extra)
    {
        string[] arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20", "--interface", client, .. extra, $"http://127.0.0.1:{port}/{path}"];
        var result = await ExternalProgram.RunAsync("curl", arguments);
        return int.Parse(result.StandardOutput, CultureInfo.InvariantCulture);
    }

    private static Process StartCurl(string client, int port, string path)
    {
        var start = new ProcessStartInfo("curl") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-s", "-o", "/dev/null", "--max-time", "60", "--interface", client, $"http://127.0.0.1:{port}/{path}" })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>The access log's (client, status) pairs once it holds at least <paramref name="count"/> lines.</summary>
    private async Task<List<(string Address, int Status)>> LogAsync(int count)
    {
        List<(string Address, int Status)> entries = [];
        await Eventually.TrueAsync(
            () =>
            {
                entries = File.Exists(AccessLog) ? [.. File.ReadAllLines(AccessLog).Select(Parse)] : [];
                return entries.Count >= count;
            },
            TimeSpan.FromSeconds(10));
        return entries;
    }

    private static (string Address, int Status) Parse(string line)
    {
        var match = CombinedLine().Match(line);
        Assert.True(match.Success, line);
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("""^(\S+) \S+ \S+ \[[^\]]+\] "[^"]*" (\d{3}) """)]
    private static partial Regex CombinedLine();
}
