using DumpDist.Web.Drain;
using DumpDist.Web.Metrics;
using DumpDist.Web.Qos;
using DumpDist.Web.Serving;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Web.Hosting;

/// <summary>
/// The download service as a hosted service fed by an options source (the cluster file, or the
/// one-off command's flags): QoS changes apply to
/// the running server (downloads in flight pick them up at their next chunk); a change of listen
/// addresses, certificate files or plain-HTTP policy starts a new listener set first and then
/// stops the old one, whose downloads in flight finish (up to <c>stop_timeout</c>).
/// </summary>
internal sealed partial class WebHostedService : IHostedService, IAsyncDisposable
{
    private readonly IWebOptionsSource _source;
    private readonly IDigestLookup? _digests;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _swap = new(1, 1);
    private readonly List<Task> _retiring = [];
    private IDisposable? _subscription;
    private Logging.LogReopenSignals? _signals;
    private WebServer? _server;
    private WebServerOptions? _options;
    private int _disposed;

    public WebHostedService(IWebOptionsSource source, IDigestLookup? digests, IStatusPage? statusPage, ILoggerFactory loggers, TimeProvider time, IDownloadAlternatives? alternatives = null)
    {
        _source = source;
        _digests = digests;
        _loggers = loggers;
        _time = time;
        _logger = loggers.CreateLogger("DumpDist.Web");
        var initial = source.Build();
        Parts = new WebServerParts(new QosSettingsSource(initial.Qos), new DrainState(time), new WebMetrics(), statusPage, alternatives);
    }

    /// <summary>Limits, drain state and counters shared by every listener set.</summary>
    public WebServerParts Parts { get; }

    /// <summary>The listening server, or null before start or when it could not start.</summary>
    public WebServer? Server => Volatile.Read(ref _server);

    /// <summary>Why the service is not working, or null when it is.</summary>
    public string? Problem { get; private set; } = "not started";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _source.Build();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("web: " + string.Join("; ", problems));
        }

        _server = await WebServer.StartAsync(options, _loggers, _digests, _time, Parts, cancellationToken);
        _options = options;
        Problem = null;
        _subscription = _source.Subscribe(() => _ = ApplyAsync());
        if (OperatingSystem.IsLinux())
        {
            _signals = new Logging.LogReopenSignals(() => Server?.ReopenAccessLog());
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _signals?.Dispose();
        if (Volatile.Read(ref _disposed) == 1 && _server is null)
        {
            return;
        }

        await _swap.WaitAsync(cancellationToken);
        try
        {
            if (_server is { } server)
            {
                _server = null;
                Problem = "stopped";
                await server.DisposeAsync();
            }

            await Task.WhenAll(_retiring);
        }
        finally
        {
            _swap.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as a singleton and as a hosted service: the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        _swap.Dispose();
    }

    /// <summary>The tree changed (a pass published or removed runs): the API rebuilds its whole-tree snapshot now.</summary>
    public void TreeChanged() => Server?.TreeChanged();

    /// <summary>Applies a new snapshot; completes when the new listeners (if any) are up.</summary>
    internal async Task ApplyAsync()
    {
        await _swap.WaitAsync();
        try
        {
            if (_server is null || _options is null)
            {
                return;
            }

            WebServerOptions next;
            try
            {
                next = _source.Build();
            }
            catch (InvalidOperationException e)
            {
                LogSwapRefused(_logger, e.Message);
                return;
            }

            Parts.Qos.Update(next.Qos);
            if (SameListeners(_options, next))
            {
                LogQosApplied(_logger);
                return;
            }

            var problems = next.Validate();
            if (problems.Count > 0)
            {
                LogSwapRefused(_logger, string.Join("; ", problems));
                return;
            }

            WebServer fresh;
            try
            {
                fresh = await WebServer.StartAsync(next, _loggers, _digests, _time, Parts, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
            {
                LogSwapFailed(_logger, e.Message);
                return;
            }

            var old = _server;
            _server = fresh;
            _options = next;
            LogSwapped(_logger, string.Join(", ", fresh.Addresses));
            _retiring.RemoveAll(t => t.IsCompleted);
            _retiring.Add(Task.Run(async () => await old.DisposeAsync()));
        }
        finally
        {
            _swap.Release();
        }
    }

    private static bool SameListeners(WebServerOptions a, WebServerOptions b) =>
        a.Listen.SequenceEqual(b.Listen)
        && a.HttpsListen.SequenceEqual(b.HttpsListen)
        && a.CertificatePath == b.CertificatePath
        && a.CertificateKeyPath == b.CertificateKeyPath
        && a.PlainHttp == b.PlainHttp
        && a.Root == b.Root
        && a.ShutdownTimeout == b.ShutdownTimeout
        // Not listener settings, but baked into the request path: a new listener set applies them.
        && a.PublicUrl == b.PublicUrl
        && a.IndexFiles.SequenceEqual(b.IndexFiles);

    [LoggerMessage(4101, LogLevel.Information, "QoS limits from the cluster file applied")]
    private static partial void LogQosApplied(ILogger logger);

    [LoggerMessage(4102, LogLevel.Information, "Web listeners moved to {Addresses}; the old ones finish their downloads")]
    private static partial void LogSwapped(ILogger logger, string addresses);

    [LoggerMessage(4103, LogLevel.Error, "New web listeners could not start ({Reason}); the old ones keep serving")]
    private static partial void LogSwapFailed(ILogger logger, string reason);

    [LoggerMessage(4104, LogLevel.Error, "New web settings refused ({Reason}); the old ones keep serving")]
    private static partial void LogSwapRefused(ILogger logger, string reason);
}
