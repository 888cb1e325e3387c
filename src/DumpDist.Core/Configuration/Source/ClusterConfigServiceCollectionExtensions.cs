using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DumpDist.Core.Configuration.Source;

/// <summary>Registers the cluster-file source every part reads its configuration from.</summary>
public static class ClusterConfigServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="source"/> as the <see cref="IClusterConfigSource"/>, with a
    /// <see cref="ClusterConfigWatcher"/> when <paramref name="watch"/> (the node; one-off commands do not watch).
    /// </summary>
    public static IServiceCollection AddDumpDistClusterConfig(this IServiceCollection services, IClusterConfigSource source, bool watch = true, TimeSpan? interval = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(source);
        if (watch)
        {
            services.AddSingleton(new ClusterConfigWatcherOptions { Interval = interval ?? TimeSpan.FromSeconds(2) });
            services.AddSingleton<IHostedService, ClusterConfigWatcher>();
        }

        return services;
    }
}
