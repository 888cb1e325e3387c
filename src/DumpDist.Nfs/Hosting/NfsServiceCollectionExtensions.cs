using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Core.Processes;
using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Ganesha;
using DumpDist.Nfs.Metrics;
using DumpDist.Nfs.Probe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.Hosting;

/// <summary>Registers a serving node's NFS parts: the NFS server for its exports and the probe monitor of every host.</summary>
public static class NfsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the NFS server of <paramref name="hostName"/> (ganesha supervised, or kernel exports
    /// applied at start), an <see cref="NfsProbeMonitor"/> of every host's NFS server,
    /// <see cref="NfsServerStatus"/> for the status page, and <see cref="NfsMetrics"/> (in the
    /// registered <c>CollectorRegistry</c>, or the default one).
    /// </summary>
    /// <remarks>
    /// Adds nothing when the cluster file configures neither NFS service. Ganesha binds to the host's
    /// <c>listen_address</c> when it has one (<see cref="HostConfig.BindAddress"/>), else to
    /// <see cref="GaneshaRenderOptions.BindAddress"/>.
    /// </remarks>
    /// <exception cref="InvalidOperationException"><paramref name="hostName"/> is not in the config.</exception>
    public static IServiceCollection AddDumpDistNfsServer(this IServiceCollection services, ClusterConfig config, string hostName, NfsServerOptions options)
    {
        var plan = NfsExportPlanner.Plan(config, hostName);
        if (plan.NothingToExport)
        {
            return services;
        }

        if (!plan.Success)
        {
            throw new InvalidOperationException("NFS exports cannot be rendered: " + string.Join("; ", plan.Errors));
        }

        var host = config.FindHost(hostName)!;

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new NfsMetrics(sp.GetService<Prometheus.CollectorRegistry>() ?? Prometheus.Metrics.DefaultRegistry));
        services.TryAddSingleton(sp => new ChildProcessRunner(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new NfsProbe(sp.GetRequiredService<TimeProvider>()));

        if (options.Server == ExportsFormat.Ganesha)
        {
            options.Ganesha.ConfigText = NfsConfigListener.RenderGanesha(plan.Exports, host, options);
            services.AddSingleton(sp => new GaneshaSupervisor(
                options.Ganesha,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<GaneshaSupervisor>>(),
                sp.GetRequiredService<NfsMetrics>()));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<GaneshaSupervisor>());
            services.AddSingleton(sp => new NfsServerStatus(sp.GetRequiredService<NfsProbeMonitor>(), ganesha: sp.GetRequiredService<GaneshaSupervisor>()));
        }
        else
        {
            var content = KernelExportsRenderer.Render(plan.Exports);

            services.AddSingleton(sp => new KernelExportsService(
                new KernelExportsApplier(options.Kernel, sp.GetRequiredService<ChildProcessRunner>(), sp.GetRequiredService<NfsMetrics>(), sp.GetRequiredService<TimeProvider>()),
                content,
                sp.GetRequiredService<ILogger<KernelExportsService>>()));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<KernelExportsService>());
            services.AddSingleton(sp => new NfsServerStatus(sp.GetRequiredService<NfsProbeMonitor>(), kernel: sp.GetRequiredService<KernelExportsService>()));
        }

        var port = plan.Exports.Port;
        var endpoints = config.Hosts.ToDictionary(h => h.Name, h => new NfsEndpoint(h.PublicAddress.ToString(), port), StringComparer.Ordinal);
        services.AddSingleton(sp => new NfsProbeMonitor(
            endpoints,
            options.ProbeInterval,
            options.ProbeTimeout,
            sp.GetRequiredService<NfsProbe>(),
            sp.GetRequiredService<NfsMetrics>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<NfsProbeMonitor>());

        // With a cluster-file source (the node), client changes re-render the exports at run time.
        services.AddSingleton<IHostedService>(sp => sp.GetService<IClusterConfigSource>() is { } source
            ? new NfsConfigListener(source, hostName, options, sp.GetService<GaneshaSupervisor>(), sp.GetService<KernelExportsService>(), sp.GetRequiredService<ILogger<NfsConfigListener>>())
            : NfsConfigListener.Inactive);
        return services;
    }
}
