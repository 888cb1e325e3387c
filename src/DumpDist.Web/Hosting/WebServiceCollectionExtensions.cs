using DumpDist.Web.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DumpDist.Web.Hosting;

/// <summary>Registers the download service on a generic host.</summary>
internal static class WebServiceCollectionExtensions
{
    /// <summary>
    /// Adds the web service of <see cref="WebHostOptions.HostName"/> as a hosted service, fed by the
    /// registered cluster-config source. An <see cref="IDigestLookup"/> and an <see cref="IStatusPage"/>
    /// are used when registered.
    /// </summary>
    public static IServiceCollection AddDumpDistWeb(this IServiceCollection services, WebHostOptions options) =>
        services.AddDumpDistWeb(sp => new Configuration.ClusterWebOptionsSource(sp.GetRequiredService<Core.Configuration.Source.IClusterConfigSource>(), options));

    /// <summary>Adds the web service with options from <paramref name="source"/> (the one-off command's flags).</summary>
    public static IServiceCollection AddDumpDistWeb(this IServiceCollection services, Func<IServiceProvider, IWebOptionsSource> source)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new WebHostedService(
            source(sp),
            sp.GetService<IDigestLookup>(),
            sp.GetService<IStatusPage>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Serving.IDownloadAlternatives>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<WebHostedService>());
        return services;
    }
}
