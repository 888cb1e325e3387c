using System.Diagnostics.Metrics;
using DumpDist.Core.Configuration;
using System.Net;
using DumpDist.Web.Api;
using DumpDist.Web.Drain;
using DumpDist.Web.Listings;
using DumpDist.Web.Logging;
using DumpDist.Web.Memory;
using DumpDist.Web.Metrics;
using DumpDist.Web.Qos;
using DumpDist.Web.Serving;
using DumpDist.Web.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DumpDist.Web.Hosting;

/// <summary>
/// The download service: a Kestrel server with one request delegate on the public listeners and
/// a separate admin listener (health, drain, metrics). Start with <see cref="StartAsync"/>,
/// stop by disposing (waits up to the shutdown timeout for downloads in flight).
/// </summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebApplication? _admin;
    private readonly AccessLogWriter? _accessLog;
    private readonly CertificateStore? _certificates;
    private readonly KestrelConnectionGauge? _connections;
    private readonly IdleMemoryTrimmer? _trimmer;
    private DumpApiMiddleware? _api;

    private WebServer(WebApplication app, WebApplication? admin, AccessLogWriter? accessLog, CertificateStore? certificates, QosSettingsSource qos, DrainState drain, WebMetrics metrics, KestrelConnectionGauge? connections, IdleMemoryTrimmer? trimmer)
    {
        _connections = connections;
        _trimmer = trimmer;
        _app = app;
        _admin = admin;
        _accessLog = accessLog;
        _certificates = certificates;
        Qos = qos;
        Drain = drain;
        Metrics = metrics;
    }

    /// <summary>The bound public addresses (real ports when 0 was asked for).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public Uri? AdminAddress { get; private set; }

    public QosSettingsSource Qos { get; }

    public DrainState Drain { get; }

    public WebMetrics Metrics { get; }

    public static async Task<WebServer> StartAsync(WebServerOptions options, ILoggerFactory? loggerFactory = null, IDigestLookup? digests = null, TimeProvider? time = null, WebServerParts? parts = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        time ??= TimeProvider.System;
        var logger = loggerFactory.CreateLogger("DumpDist.Web");
        // Parts that outlive one listener set (the node swaps listeners on a config change).
        var qos = parts?.Qos ?? new QosSettingsSource(options.Qos);
        var drain = parts?.Drain ?? new DrainState(time);
        var metrics = parts?.Metrics ?? new WebMetrics();
        var resolver = new ResourceResolver(options.ServedRoot, time, options.MetadataTtl);
        var listings = new ListingCache(resolver.RootReal, time, options.ListingMaxAge, options.IndexFiles, parts?.Alternatives);
        var limiter = new ClientLimiter(time);
        var files = new FileResponder(options, resolver, qos, limiter, drain, digests ?? NoDigests.Instance, metrics, time, logger);
        var accessLog = options.AccessLogPath switch
        {
            null => null,
            "-" => new AccessLogWriter(Console.Out, ownsOutput: false),
            var path => AccessLogWriter.ToFile(path, logger),
        };
        var api = new DumpApiMiddleware(
            static async context => await Responses.TextAsync(context, StatusCodes.Status404NotFound, "Not found\n"),
            Options.Create(new DumpApiOptions { TreeRoot = options.Root, PublicUrl = options.PublicUrl }),
            time,
            loggerFactory.CreateLogger<DumpApiMiddleware>());
        var handler = new WebRequestHandler(resolver, listings, files, api, qos, drain, metrics, accessLog, time, logger, parts?.StatusPage, parts?.Alternatives, options.PublicUrl, options.IndexFiles);
        var certificates = options.HttpsListen.Count > 0
            ? new CertificateStore(options.CertificatePath!, options.CertificateKeyPath!, time, logger)
            : null;
        certificates?.Load();

        // The empty builder: no host filtering, no request logging middleware, no config files;
        // everything on the request path is ours.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = resolver.RootReal });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        // Registered before Kestrel, which then keeps it instead of its default transport.
        builder.Services.AddSingleton<IConnectionListenerFactory>(TransportSplit.Create(
            socket =>
            {
                // Measured: inline scheduling is worth about 12% on small files. Handlers must never
                // block, which ours do not (file reads are page-cache reads or sendfile).
                socket.UnsafePreferInlineScheduling = true;
                if (options.ReusePort)
                {
                    socket.CreateBoundListenSocket = ReusePortSocket.CreateBound;
                }
            },
            loggerFactory));
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = new MinDataRate(240, TimeSpan.FromSeconds(10));
            // client_timeout also bounds idle keep-alive connections and slow request headers
            // (read at start; the per-download stall timeout reloads with the rest of qos).
            kestrel.Limits.KeepAliveTimeout = options.Qos.ClientTimeout;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromTicks(Math.Min(options.Qos.ClientTimeout.Ticks, TimeSpan.FromSeconds(30).Ticks));
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxConcurrentConnections = null;
            foreach (var url in options.Listen)
            {
                ListenAddress.TryParse(url, out var endPoint, out _);
                kestrel.Listen(options.ZeroCopy ? endPoint! : BufferedEndPoint.From(endPoint!), listen => listen.Use(ProxyProtocolConnectionMiddleware.Create(qos)));
            }

            foreach (var url in options.HttpsListen)
            {
                ListenAddress.TryParse(url, out var endPoint, out _);
                kestrel.Listen(BufferedEndPoint.From(endPoint!), listen =>
                {
                    listen.Use(ProxyProtocolConnectionMiddleware.Create(qos));
                    listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates!.Current);
                });
            }
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        var app = builder.Build();
        var plainRefused = options.HttpsListen.Count > 0 && options.PlainHttp != PlainHttpPolicy.Serve;
        if (plainRefused)
        {
            app.Run(context => PlainHttpAsync(context, options.PlainHttp, options.PublicUrl, handler, () => app.Urls));
        }
        else
        {
            app.Run(handler.HandleAsync);
        }

        WebApplication? admin = null;
        if (options.AdminListen is not null)
        {
            admin = AdminEndpoints.Build(options.AdminListen, drain, options.DrainDeadline, metrics, loggerFactory, logger);
        }

        var meters = app.Services.GetService<IMeterFactory>();
        var connections = meters is null ? null : new KestrelConnectionGauge(meters);
        var trimmer = connections is null ? null : new IdleMemoryTrimmer(connections, time);
        var server = new WebServer(app, admin, accessLog, certificates, qos, drain, metrics, connections, trimmer) { _api = api };
        await app.StartAsync(cancellationToken);
        server.Addresses = BoundAddresses(app);
        if (admin is not null)
        {
            await admin.StartAsync(cancellationToken);
            server.AdminAddress = BoundAddresses(admin)[0];
        }

        WebLog.Serving(logger, resolver.RootReal, string.Join(", ", server.Addresses));
        WebLog.SocketCompletions(logger, InlineSocketCompletions.InEffect() switch
        {
            true => "inline on the epoll threads",
            false => "on the thread pool",
            null => "unknown",
        });
        return server;
    }

    public Uri Address(string scheme = "http") => Addresses.First(a => a.Scheme == scheme);

    /// <summary>The tree changed: the API's whole-tree snapshot is rebuilt now, in the background.</summary>
    public void TreeChanged() => _api?.TreeChanged();

    /// <summary>Reopens the access log file at its path (after logrotate renamed it: SIGUSR1, SIGHUP).</summary>
    public void ReopenAccessLog() => _accessLog?.Reopen();

    private static async Task PlainHttpAsync(HttpContext context, PlainHttpPolicy mode, Uri? publicUrl, WebRequestHandler handler, Func<ICollection<string>> urls)
    {
        if (context.Request.IsHttps)
        {
            await handler.HandleAsync(context);
            return;
        }

        if (mode == PlainHttpPolicy.Redirect)
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = HttpsLocation(context, publicUrl, urls);
            return;
        }

        await Responses.TextAsync(context, StatusCodes.Status403Forbidden, "Plain HTTP is refused here; use https://\n");
    }

    // The target host is the configured public URL's, or the address this connection reached;
    // never the Host header, which would let a client (or a poisoned cache) pick the redirect target.
    private static string HttpsLocation(HttpContext context, Uri? publicUrl, Func<ICollection<string>> urls)
    {
        var path = context.Request.PathBase.Add(context.Request.Path).ToUriComponent() + context.Request.QueryString.ToUriComponent();
        if (publicUrl is { Scheme: "https" })
        {
            return PublicBaseUrl.For(publicUrl, path);
        }

        var https = urls().Select(u => new Uri(u)).FirstOrDefault(u => u.Scheme == "https");
        var port = https?.Port ?? 443;
        var address = context.Connection.LocalIpAddress is { } local ? (local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local) : IPAddress.Loopback;
        var host = publicUrl?.Host ?? (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
        return port == 443 ? $"https://{host}{path}" : $"https://{host}:{port}{path}";
    }

    private static List<Uri> BoundAddresses(WebApplication app)
    {
        var feature = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return feature.Addresses.Select(a => new Uri(a.Replace("[::]", "[::1]", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal))).ToList();
    }

    /// <summary>Waits for the server to stop (for the CLI: until the token is cancelled).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);

    /// <summary>Open connections on the public listeners (from Kestrel's metrics), or null if Kestrel publishes none.</summary>
    public long? OpenConnections => _connections?.Current;

    public async ValueTask DisposeAsync()
    {
        _trimmer?.Dispose();
        _connections?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_admin is not null)
        {
            await _admin.StopAsync();
            await _admin.DisposeAsync();
        }

        if (_accessLog is not null)
        {
            await _accessLog.DisposeAsync();
        }

        _certificates?.Dispose();
    }
}
