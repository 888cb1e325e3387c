using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Tests.LoadBalancing.Support;

/// <summary>
/// Stands in for a `dumpdist node` behind the balancer, on its own loopback address (127.0.0.2,
/// 127.0.0.3, ...): an admin port with toggleable /healthz/web and /healthz/rsync, a public web
/// port serving /whoami (the stub's name) and /big (<see cref="BigSize"/> bytes, throttled), and an
/// rsync port that reads the balancer's PROXY v2 header and greets with the name and client address.
/// </summary>
internal sealed class StubNode : IAsyncDisposable
{
    public const int BigSize = 64 * 1024 * 1024;

    /// <summary>Bytes per second of /big: slow enough that a download outlives a failover.</summary>
    public const long BigRate = 6L * 1024 * 1024;

    private volatile bool _webHealthy;
    private volatile bool _rsyncHealthy;

    private readonly WebApplication _app;
    private readonly TcpListener _rsync;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _rsyncLoop;

    private StubNode(string name, IPAddress address, int adminPort, WebApplication app, TcpListener rsync)
    {
        Name = name;
        Address = address;
        AdminPort = adminPort;
        _app = app;
        _rsync = rsync;
        _rsyncLoop = AcceptRsyncAsync(_stopping.Token);
    }

    public string Name { get; }

    public IPAddress Address { get; }

    public int AdminPort { get; }

    /// <summary>Whether /healthz/web answers 200 (else 503).</summary>
    public bool WebHealthy
    {
        get => _webHealthy;
        set => _webHealthy = value;
    }

    /// <summary>Whether /healthz/rsync answers 200 (else 503).</summary>
    public bool RsyncHealthy
    {
        get => _rsyncHealthy;
        set => _rsyncHealthy = value;
    }

    public static async Task<StubNode> StartAsync(string name, IPAddress address, int adminPort, int webPort, int rsyncPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(address, adminPort);
            kestrel.Listen(address, webPort);
        });
        var app = builder.Build();
        var started = new TaskCompletionSource<StubNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Run(async context => await (await started.Task).HandleAsync(context, adminPort));
        var rsync = new TcpListener(address, rsyncPort);
        try
        {
            rsync.Start();
            await app.StartAsync();
        }
        catch
        {
            rsync.Stop();
            await app.DisposeAsync();
            throw;
        }

        var node = new StubNode(name, address, adminPort, app, rsync);
        started.SetResult(node);
        return node;
    }

    /// <summary>The content of /big at <paramref name="offset"/>: a pattern a copy cannot match by accident.</summary>
    public static byte BigByte(long offset) => (byte)((offset * 131) ^ (offset >> 13));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _rsync.Stop();
        try
        {
            await _rsyncLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stopTimeout.Token);
        }

        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private Task HandleAsync(HttpContext context, int adminPort)
    {
        var path = context.Request.Path.Value;
        context.Response.Headers["X-Stub"] = Name;
        if (context.Connection.LocalPort == adminPort)
        {
            var healthy = path switch
            {
                "/healthz/web" => WebHealthy,
                "/healthz/rsync" => RsyncHealthy,
                _ => (bool?)null,
            };
            context.Response.StatusCode = healthy switch { true => 200, false => 503, null => 404 };
            return Task.CompletedTask;
        }

        return path switch
        {
            "/whoami" => context.Response.WriteAsync(Name, context.RequestAborted),
            "/big" => SendBigAsync(context.Response, context.RequestAborted),
            _ => NotFound(context),
        };
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    private static async Task SendBigAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentLength = BigSize;
        var chunk = new byte[256 * 1024];
        var clock = Stopwatch.StartNew();
        for (long sent = 0; sent < BigSize; sent += chunk.Length)
        {
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = BigByte(sent + i);
            }

            await response.Body.WriteAsync(chunk, cancellationToken);
            var due = TimeSpan.FromSeconds((double)(sent + chunk.Length) / BigRate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
        }
    }

    private async Task AcceptRsyncAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _rsync.AcceptTcpClientAsync(cancellationToken);
            _ = GreetAsync(client, cancellationToken);
        }
    }

    private async Task GreetAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var source = await ReadProxyV2SourceAsync(stream, cancellationToken);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"@RSYNCD: 31.0 stub {Name} client {source}\n"), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    // The header HAProxy's send-proxy-v2 writes first: 12-byte signature, version/command,
    // family, a big-endian length, then (TCP over IPv4) source address, destination, ports.
    private static async Task<string> ReadProxyV2SourceAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[16];
        await stream.ReadExactlyAsync(header, cancellationToken);
        ReadOnlySpan<byte> signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];
        if (!header.AsSpan(0, 12).SequenceEqual(signature))
        {
            return "no-proxy-header";
        }

        var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(14))];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return header[13] == 0x11 ? new IPAddress(body.AsSpan(0, 4)).ToString() : $"family-{header[13]:x2}";
    }
}
