using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Ganesha;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.Hosting;

/// <summary>
/// Applies cluster-file edits to the running NFS server: ganesha's config is re-rendered and
/// ganesha restarted (only when the text changed); kernel exports are rewritten and
/// <c>exportfs -ra</c> run. An edit that removes every NFS service or cannot be planned keeps the
/// exports in force and is logged.
/// </summary>
public sealed partial class NfsConfigListener : IHostedService
{
    private readonly IClusterConfigSource? _source;
    private readonly string _hostName;
    private readonly NfsServerOptions? _options;
    private readonly GaneshaSupervisor? _ganesha;
    private readonly KernelExportsService? _kernel;
    private readonly ILogger? _logger;
    private readonly SemaphoreSlim _one = new(1, 1);
    private IDisposable? _subscription;

    /// <summary>A listener for the NFS server of <paramref name="hostName"/>.</summary>
    public NfsConfigListener(IClusterConfigSource source, string hostName, NfsServerOptions options, GaneshaSupervisor? ganesha, KernelExportsService? kernel, ILogger<NfsConfigListener> logger)
    {
        _source = source;
        _hostName = hostName;
        _options = options;
        _ganesha = ganesha;
        _kernel = kernel;
        _logger = logger;
    }

    private NfsConfigListener()
    {
        _hostName = string.Empty;
    }

    /// <summary>For hosts without a cluster-file source: does nothing.</summary>
    public static NfsConfigListener Inactive { get; } = new();

    /// <summary>Completes when the last applied edit has been applied (tests).</summary>
    public Task LastApply { get; private set; } = Task.CompletedTask;

    /// <summary>ganesha's config for <paramref name="exports"/>, bound to the host's listen_address when it has one.</summary>
    public static string RenderGanesha(NfsExportSet exports, HostConfig host, NfsServerOptions options)
    {
        var render = host.ListenAddress is { } address ? options.GaneshaRender with { BindAddress = address.ToString() } : options.GaneshaRender;
        return GaneshaConfigRenderer.Render(exports, render);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = _source?.Subscribe((previous, current) => LastApply = ApplyAsync(current));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task ApplyAsync(ClusterConfig config)
    {
        await _one.WaitAsync();
        try
        {
            var plan = NfsExportPlanner.Plan(config, _hostName);
            var host = config.FindHost(_hostName);
            if (plan.NothingToExport || !plan.Success || host is null)
            {
                LogKept(_logger!, plan.NothingToExport ? "no NFS service is configured any more (takes effect at the next restart)" : string.Join("; ", plan.Errors));
                return;
            }

            if (_ganesha is not null && await _ganesha.UpdateConfigAsync(RenderGanesha(plan.Exports, host, _options!), CancellationToken.None))
            {
                LogApplied(_logger!, "ganesha restarted with the new exports");
            }

            if (_kernel is not null && await _kernel.UpdateAsync(KernelExportsRenderer.Render(plan.Exports), CancellationToken.None))
            {
                LogApplied(_logger!, _kernel.LastResult?.Detail ?? "exports applied");
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            LogKept(_logger!, e.Message);
        }
        finally
        {
            _one.Release();
        }
    }

    [LoggerMessage(5120, LogLevel.Information, "NFS exports changed in the cluster file: {Detail}")]
    private static partial void LogApplied(ILogger logger, string detail);

    [LoggerMessage(5121, LogLevel.Warning, "NFS exports in force kept: {Why}")]
    private static partial void LogKept(ILogger logger, string why);
}
