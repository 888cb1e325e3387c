using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Core.Processes;
using DumpDist.Mirrors.Freshness;
using DumpDist.Mirrors.Metrics;
using DumpDist.Mirrors.Rsyncd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Mirrors.Hosting;

/// <summary>Registers a serving node's mirror parts: the supervised rsync daemon, its include lists, config listener, per-mirror metrics and the freshness checks with the public mirrors page.</summary>
public static class MirrorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the rsync daemon of <paramref name="hostName"/> (files under <c>&lt;state_dir&gt;/rsyncd/</c>,
    /// bound to the host's <c>listen_address</c>, else its <c>public_address</c>, on <c>services.rsync.port</c>),
    /// the include-list refresher (started before the daemon) and the listener that applies
    /// cluster-file edits from the registered <see cref="IClusterConfigSource"/>. Adds nothing
    /// when the cluster file has no <c>services.rsync</c>.
    /// </summary>
    /// <param name="services">The node's services.</param>
    /// <param name="config">The cluster file at start.</param>
    /// <param name="hostName">This host.</param>
    /// <param name="options">How the daemon is run.</param>
    /// <param name="treeChanged">
    /// Hooks the include lists to the passes that change the tree (sync, retention): called once at
    /// start with the service provider and a callback to invoke, with a reason, after each pass.
    /// </param>
    /// <exception cref="InvalidOperationException"><paramref name="hostName"/> is not in the config.</exception>
    public static IServiceCollection AddDumpDistMirrors(
        this IServiceCollection services, ClusterConfig config, string hostName, RsyncdOptions options, Action<IServiceProvider, Action<string>>? treeChanged = null)
    {
        if (config.Services.Rsync is null)
        {
            return services;
        }

        var host = config.FindHost(hostName) ?? throw new InvalidOperationException($"host '{hostName}' is not in the cluster file");
        var settings = RsyncdSettings.From(config, hostName)!;
        var paths = RsyncdPaths.ForStateDir(host.StateDir);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RsyncdSupervisor(settings, paths, options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("DumpDist.Mirrors.Rsyncd")));
        services.AddSingleton(sp =>
        {
            var lists = new IncludeListRefresher(
                host.Root, sp.GetRequiredService<RsyncdSupervisor>(), options.IncludeListInterval, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("DumpDist.Mirrors.IncludeLists"));
            treeChanged?.Invoke(sp, lists.Request);
            return lists;
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IncludeListRefresher>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RsyncdSupervisor>());
        services.AddSingleton(sp => new RsyncdConfigListener(
            sp.GetRequiredService<IClusterConfigSource>(), hostName, sp.GetRequiredService<RsyncdSupervisor>(), sp.GetRequiredService<IncludeListRefresher>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("DumpDist.Mirrors.Config")));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RsyncdConfigListener>());
        services.TryAddSingleton(sp => new MirrorMetrics(sp.GetService<Prometheus.CollectorRegistry>() ?? Prometheus.Metrics.DefaultRegistry));
        services.AddSingleton(sp =>
        {
            var source = sp.GetRequiredService<IClusterConfigSource>();
            var rsyncd = sp.GetRequiredService<RsyncdSupervisor>();
            return new TransferLogTail(paths.LogFile, () => source.Current.Mirrors, sp.GetRequiredService<MirrorMetrics>(), () => rsyncd.Status, options.TransferLogInterval, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<TransferLogTail>());
        services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var source = sp.GetRequiredService<IClusterConfigSource>();
            var checker = new MirrorChecker(MirrorHttp.Create(options.FreshnessTimeout), new ChildProcessRunner(time), time, options.FreshnessTimeout);
            return new FreshnessMonitor(
                checker,
                new MirrorCheckState(MirrorCheckState.PathFor(host.StateDir)),
                () => source.Current.Mirrors,
                settings.PublicDirectory,
                sp.GetRequiredService<MirrorMetrics>(),
                LiveRsyncSettings.MirrorCheckInterval(source),
                time,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("DumpDist.Mirrors.Freshness"));
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<FreshnessMonitor>());
        return services;
    }
}
