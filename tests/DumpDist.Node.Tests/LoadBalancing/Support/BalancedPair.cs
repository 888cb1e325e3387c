using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DumpDist.Node.LoadBalancing;
using DumpDist.TestSupport;

namespace DumpDist.Node.Tests.LoadBalancing.Support;

/// <summary>
/// Two stub nodes, a (127.0.0.2) and b (127.0.0.3), behind a real HAProxy running the rendered
/// configuration with its frontends on 127.0.0.1. Nothing here talks to anything but 127.0.0.x.
/// </summary>
internal sealed class BalancedPair : IAsyncDisposable
{
    private BalancedPair(StubNode a, StubNode b, HaproxyProcess haproxy, int webPort, int rsyncPort, string config)
    {
        A = a;
        B = b;
        Haproxy = haproxy;
        WebPort = webPort;
        RsyncPort = rsyncPort;
        Config = config;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"),
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public StubNode A { get; }

    public StubNode B { get; }

    public HaproxyProcess Haproxy { get; }

    /// <summary>The balancer's web frontend port on 127.0.0.1.</summary>
    public int WebPort { get; }

    /// <summary>The balancer's rsync frontend port on 127.0.0.1.</summary>
    public int RsyncPort { get; }

    /// <summary>The rendered configuration HAProxy runs.</summary>
    public string Config { get; }

    /// <summary>A client of the web frontend (keep-alive, no proxy).</summary>
    public HttpClient Http { get; }

    /// <summary>Starts both stubs with every health check answering 503, then HAProxy in front of them.</summary>
    public static async Task<BalancedPair> StartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            // Ports come free from 127.0.0.1; the stubs bind them on .2 and .3, where another
            // program could hold one, so a failed bind starts over with new ports.
            var ports = DistinctFreePorts(6);
            int webPort = ports[0], rsyncPort = ports[1], adminA = ports[2], adminB = ports[3];
            StubNode? a = null;
            StubNode? b = null;
            try
            {
                a = await StubNode.StartAsync("a", IPAddress.Parse("127.0.0.2"), adminA, webPort, rsyncPort);
                b = await StubNode.StartAsync("b", IPAddress.Parse("127.0.0.3"), adminB, webPort, rsyncPort);
            }
            catch (Exception ex) when (ex is IOException or SocketException && attempt < 3)
            {
                await DisposeAsync(a, b);
                continue;
            }

            try
            {
                int frontWeb = ports[4], frontRsync = ports[5];
                var config = Render(adminA, adminB, webPort, rsyncPort, frontWeb, frontRsync);
                var haproxy = await HaproxyProcess.StartAsync(config, frontWeb);
                return new BalancedPair(a, b, haproxy, frontWeb, frontRsync, config);
            }
            catch
            {
                await DisposeAsync(a, b);
                throw;
            }
        }
    }

    /// <summary>GET /whoami through the balancer: the name of the stub that answered, or the status when none did.</summary>
    public async Task<string> WhoAmIAsync()
    {
        using var response = await Http.GetAsync("whoami");
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : $"status {(int)response.StatusCode}";
    }

    /// <summary>Connects to the rsync frontend and returns the daemon's first line.</summary>
    public async Task<string> RsyncGreetingAsync()
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(IPAddress.Loopback, RsyncPort, timeout.Token);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        return await reader.ReadLineAsync(timeout.Token) ?? "(closed)";
    }

    /// <summary>True when the last <paramref name="count"/> answers in a row all came from <paramref name="name"/>.</summary>
    public async Task<bool> WebAlwaysReachesAsync(string name, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (await WhoAmIAsync() != name)
            {
                return false;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Haproxy.DisposeAsync();
        await DisposeAsync(A, B);
    }

    private static async Task DisposeAsync(StubNode? a, StubNode? b)
    {
        if (a is not null)
        {
            await a.DisposeAsync();
        }

        if (b is not null)
        {
            await b.DisposeAsync();
        }
    }

    private static int[] DistinctFreePorts(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            ports.Add(FreePort.Next());
        }

        return [.. ports];
    }

    private static string Render(int adminA, int adminB, int webPort, int rsyncPort, int frontWeb, int frontRsync)
    {
        var yaml = string.Format(
            CultureInfo.InvariantCulture,
            """
            source: {{ url: /srv/source }}
            datasets: [{{ name: dumps, path: public }}]
            hosts:
              - {{ name: a, public_address: 127.0.0.2, admin_address: "127.0.0.2:{0}", root: /srv/a }}
              - {{ name: b, public_address: 127.0.0.3, admin_address: "127.0.0.3:{1}", root: /srv/b }}
            services:
              web: {{ active: a, listen: "http://0.0.0.0:{2}" }}
              rsync: {{ active: a, port: {3}, proxy_protocol: true }}
              nfs-vps: {{ active: a }}
              nfs-analytics: {{ active: a }}
            qos:
              trusted_proxies: [127.0.0.1]

            """,
            adminA,
            adminB,
            webPort,
            rsyncPort);
        var options = new HaproxyRenderOptions
        {
            SourceName = "live.yaml",
            WebBind = new HaproxyBind(IPAddress.Loopback, frontWeb),
            RsyncBind = new HaproxyBind(IPAddress.Loopback, frontRsync),
            RsyncSendProxy = true,
        };
        var result = HaproxyConfigRenderer.Render(LbSamples.Parse(yaml), options);
        Assert.True(result.Success, string.Join('\n', result.Errors));
        return result.Text!;
    }
}
