using DumpDist.Core.Configuration.Source;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Retention.Hosting;

/// <summary>Registers a host's daily retention pass on a generic host.</summary>
public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="DailyRetentionService"/> for <see cref="RetentionHostOptions.HostName"/> (rules and
    /// tree from the <see cref="IClusterConfigSource"/>'s current snapshot at each pass), and its metrics in
    /// the registered <c>CollectorRegistry</c> (or the default one). Subscribe to
    /// <see cref="DailyRetentionService.PassCompleted"/> to hear about each pass that removed something.
    /// </summary>
    public static IServiceCollection AddDumpDistRetention(this IServiceCollection services, RetentionHostOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.TryAddSingleton(sp => new RetentionMetrics(sp.GetService<Prometheus.CollectorRegistry>()));
        services.AddSingleton(sp => new DailyRetentionService(
            sp.GetRequiredService<IClusterConfigSource>(),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RetentionMetrics>(),
            sp.GetRequiredService<ILogger<DailyRetentionService>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DailyRetentionService>());
        return services;
    }
}
