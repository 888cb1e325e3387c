using System.Threading.Channels;
using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Mirrors.Rsyncd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Mirrors.Hosting;

/// <summary>
/// Applies cluster-file edits to the daemon: the registry (hosts allow), limits and modules are
/// rewritten into rsyncd.conf for the next connection; the include lists are rebuilt when the
/// modules changed. Snapshots are applied in order, one at a time; only the newest waiting one counts.
/// </summary>
internal sealed class RsyncdConfigListener(IClusterConfigSource source, string hostName, RsyncdSupervisor rsyncd, IncludeListRefresher lists, ILogger logger) : BackgroundService
{
    private readonly Channel<ClusterConfig> _pending = Channel.CreateBounded<ClusterConfig>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Snapshots applied so far (for tests and the status page).</summary>
    public long Applied { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = source.Subscribe((_, current) => _pending.Writer.TryWrite(current));
        await foreach (var config in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            await ApplyAsync(config, stoppingToken);
        }
    }

    /// <summary>Applies one snapshot; a write failure is logged and the previous config stays.</summary>
    internal async Task ApplyAsync(ClusterConfig config, CancellationToken cancellationToken)
    {
        if (RsyncdSettings.From(config, hostName) is not { } settings)
        {
            RsyncdLog.ServiceRemoved(logger);
            return;
        }

        var keepRunsChanged = !rsyncd.Settings.KeepRuns.SequenceEqual(settings.KeepRuns);
        try
        {
            await rsyncd.UpdateAsync(settings, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RsyncdLog.ConfigFailed(logger, ex);
        }

        if (keepRunsChanged)
        {
            lists.Request("keep_runs changed");
        }

        Applied++;
    }
}
