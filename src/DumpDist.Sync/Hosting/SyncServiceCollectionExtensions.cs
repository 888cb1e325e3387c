using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Sync.Publishing;
using DumpDist.Sync.Scheduling;
using DumpDist.Sync.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Sync.Hosting;

/// <summary>Registers a host's scheduled sync and verification on a generic host.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="SyncScheduler"/> for every dataset of <see cref="SyncHostOptions.HostName"/>
    /// (one loop per dataset, passes verified), its metrics (in the registered
    /// <c>CollectorRegistry</c> or the default one), and a listener that applies schedule and
    /// source changes of the cluster file without a restart.
    /// </summary>
    public static IServiceCollection AddDumpDistSync(this IServiceCollection services, SyncHostOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.TryAddSingleton<RsyncRunner>();
        services.TryAddSingleton(sp => new SyncMetrics(sp.GetRequiredService<TimeProvider>(), sp.GetService<Prometheus.CollectorRegistry>()));
        services.TryAddSingleton(sp => new SyncPass(sp.GetRequiredService<RsyncRunner>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("DumpDist.Sync"), sp.GetService<Core.Hashing.IPieceHashStore>()));
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IClusterConfigSource>();
            return new SyncScheduler(
                sp.GetRequiredService<SyncPass>(),
                Schedules(config.Current, options),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SyncScheduler>>(),
                sp.GetRequiredService<SyncMetrics>());
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SyncScheduler>());
        services.AddSingleton<IHostedService>(sp => new SyncConfigListener(
            sp.GetRequiredService<IClusterConfigSource>(),
            sp.GetRequiredService<SyncScheduler>(),
            options,
            sp.GetRequiredService<ILogger<SyncConfigListener>>()));
        return services;
    }

    /// <summary>The scheduled passes of the host in <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">The host or a dataset source cannot be planned (the loader reports the same).</exception>
    internal static IReadOnlyList<ScheduledDataset> Schedules(ClusterConfig config, SyncHostOptions options)
    {
        var passes = DatasetPasses.For(config, options.HostName, null, out var error)
            ?? throw new InvalidOperationException(error);
        return SyncSchedules.For(config, options.HostName, passes.Select(p => p with { Verify = options.Verify }));
    }
}
