using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Mirrors.Downloads;
using DumpDist.Mirrors.Freshness;
using DumpDist.Mirrors.Hosting;
using DumpDist.Mirrors.Rsyncd;
using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Hosting;
using DumpDist.Node.Admin;
using DumpDist.Node.Assignments;
using DumpDist.Node.Composition;
using DumpDist.Node.Health;
using DumpDist.Node.Status;
using DumpDist.Retention.Hosting;
using DumpDist.Sync.Hosting;
using DumpDist.Sync.Scheduling;
using DumpDist.Web.Hosting;
using DumpDist.Web.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Hosting;

/// <summary>
/// Composes a serving host on one generic host: the cluster-file source (validated, watched),
/// scheduled sync and verification, the web service, the NFS server, the assignments store, the
/// health of each service, and the admin API. Parts the cluster file does not configure are left out.
/// </summary>
internal static class NodeHostBuilder
{
    public static IHost Build(ClusterConfigSource source, NodeOptions options, AdminTokens tokens, Action<ILoggingBuilder>? logging = null, TimeProvider? time = null)
    {
        var config = source.Current;
        var host = config.FindHost(options.HostName) ?? throw new InvalidOperationException($"host '{options.HostName}' is not in {source.Path}");
        // Web and NFS serve <root>/public from the start, before the first sync fills it.
        Core.Tree.ServedTree.EnsureForHost(host.Root);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSystemd();
        if (logging is null)
        {
            builder.Logging.AddDumpDistConsole();
        }
        else
        {
            builder.Logging.ClearProviders();
            logging(builder.Logging);
        }

        var services = builder.Services;
        time ??= TimeProvider.System;
        services.AddSingleton(time);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = (config.Services.Web?.StopTimeout ?? TimeSpan.FromSeconds(30)) + TimeSpan.FromSeconds(15));
        services.AddDumpDistClusterConfig(source, watch: true, options.ConfigPollInterval);

        var registry = Prometheus.Metrics.NewCustomRegistry();
        services.AddSingleton(registry);
        var admin = AdminSettings.From(config);
        services.AddSingleton(admin);
        services.AddSingleton(tokens);
        var http = AdminHttp.Create(admin);
        Func<IReadOnlyDictionary<string, AdminClient>> peers = () =>
            AdminHttp.Clients(source.Current, admin, http, tokens.PeerToken).Where(p => p.Key != options.HostName).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        // The admin API first: its health endpoints answer (503) while the rest starts.
        services.AddAssignmentStore(config, host, peers);
        services.AddSingleton(sp => new PeerStateMonitor(peers, time, NodeDefaults.PeerPoll));
        services.AddSingleton(sp => new AdminApiService(source, options.HostName, admin, sp.GetRequiredService<AdminRequestHandler>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<AdminApiService>());
        services.AddSingleton<IHostedService>(sp => new AssignmentRefresher(sp.GetRequiredService<IAssignmentStore>(), source, time, NodeDefaults.AssignmentRefresh(config)));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PeerStateMonitor>());

        services.AddDumpDistSync(new SyncHostOptions { HostName = options.HostName });
        services.AddDumpDistRetention(new RetentionHostOptions { HostName = options.HostName });
        services.AddSingleton(sp => new DatasetStatusReader(sp.GetRequiredService<SyncScheduler>(), host.StateDir));

        if (config.Services.Web is not null)
        {
            services.AddSingleton(sp => VerificationDigestLookup.ForTree(host.StateDir, host.Root, time));
            services.AddSingleton<IStatusPage>(sp => new StatusPage(new Lazy<NodeStateBuilder>(sp.GetRequiredService<NodeStateBuilder>), sp.GetRequiredService<PeerStateMonitor>(), time));
            services.AddDumpDistWeb(new WebHostOptions { HostName = options.HostName, ReusePort = true, AccessLogPath = options.AccessLogPath });
            services.AddSingleton<IServiceProbe>(sp => new WebServiceProbe(sp.GetRequiredService<WebHostedService>()));
            services.AddSingleton<IHostedService>(sp => new WebTreeChangeFollower(
                sp.GetRequiredService<WebHostedService>(), sp.GetRequiredService<SyncScheduler>(), sp.GetRequiredService<DailyRetentionService>()));
            services.AddSingleton<IHostedService>(sp => new DrainFollower(
                sp.GetRequiredService<IAssignmentStore>(), sp.GetRequiredService<WebHostedService>(), source, options.HostName, sp.GetRequiredService<ILogger<DrainFollower>>()));
        }

        if (config.Services.NfsVps is not null || config.Services.NfsAnalytics is not null)
        {
            var server = options.NfsServer ?? NfsServerChoice.Detect();
            var ganeshaDir = Path.Combine(host.StateDir, "ganesha");
            var nfs = new NfsServerOptions
            {
                Server = server,
                GaneshaRender = new GaneshaRenderOptions { BindAddress = host.PublicAddress.ToString(), RecoveryRoot = Path.Combine(ganeshaDir, "recovery") },
                Ganesha = new Nfs.Ganesha.GaneshaOptions
                {
                    ConfigPath = Path.Combine(ganeshaDir, "ganesha.conf"),
                    LogPath = Path.Combine(ganeshaDir, "ganesha.log"),
                    PidFile = Path.Combine(ganeshaDir, "ganesha.pid"),
                },
            };
            services.AddDumpDistNfsServer(config, options.HostName, nfs);
            foreach (var kind in new[] { ServiceKind.NfsVps, ServiceKind.NfsAnalytics }.Where(k => config.Services.Get(k) is not null))
            {
                services.AddSingleton<IServiceProbe>(sp => new NfsServiceProbe(kind, sp.GetRequiredService<NfsServerStatus>()));
            }
        }

        if (config.Services.Rsync is not null)
        {
            var rsyncd = new RsyncdOptions();
            services.AddDumpDistMirrors(config, options.HostName, rsyncd, (sp, changed) =>
            {
                sp.GetRequiredService<SyncScheduler>().PassCompleted += (dataset, _) => changed("sync pass of " + dataset);
                sp.GetRequiredService<DailyRetentionService>().PassCompleted += _ => changed("retention pass");
            });
            services.AddSingleton<IServiceProbe>(sp => new RsyncServiceProbe(sp.GetRequiredService<RsyncdSupervisor>()));
            if (config.Services.Web is not null)
            {
                // One piece cache: sync's verification read fills it, the web's torrents read it.
                services.AddSingleton(new PieceHashes(Path.Combine(host.StateDir, "mirrors", "pieces"), LiveRsyncSettings.TorrentMinimumSize(source)));
                services.AddSingleton<Core.Hashing.IPieceHashStore>(sp => sp.GetRequiredService<PieceHashes>());
                services.AddSingleton<IDownloadAlternatives>(sp => new MirrorDownloadAlternatives(
                    source, sp.GetRequiredService<FreshnessMonitor>(), sp.GetRequiredService<IDigestLookup>(), Core.Tree.ServedTree.EnsureForHost(host.Root),
                    sp.GetRequiredService<PieceHashes>(), time));
            }
        }

        services.AddSingleton(sp => new NodeHealth(
            source, options.HostName, sp.GetRequiredService<IAssignmentStore>(), sp.GetServices<IServiceProbe>(), sp.GetRequiredService<DatasetStatusReader>(), sp.GetRequiredService<PeerStateMonitor>()));
        services.AddSingleton(sp => new NodeStateBuilder(sp.GetRequiredService<NodeHealth>(), sp.GetRequiredService<IAssignmentStore>(), sp.GetRequiredService<DatasetStatusReader>(), time));
        services.AddSingleton(sp => new FailoverCoordinator(source, options.HostName, sp.GetRequiredService<IAssignmentStore>(), sp.GetRequiredService<NodeStateBuilder>(), peers, time));
        services.AddSingleton(sp =>
        {
            var metrics = new NodeMetrics(registry, sp.GetRequiredService<NodeHealth>, sp.GetRequiredService<IAssignmentStore>(), new AssignmentMetrics(registry, sp.GetRequiredService<IAssignmentStore>(), options.HostName, time));
            if (sp.GetService<WebHostedService>() is { } web)
            {
                metrics.Include(web.Parts.Metrics.Registry);
            }

            return metrics;
        });
        services.AddSingleton(sp => new AdminRequestHandler(
            tokens,
            sp.GetRequiredService<NodeHealth>(),
            sp.GetRequiredService<NodeStateBuilder>(),
            sp.GetRequiredService<IAssignmentStore>(),
            sp.GetRequiredService<FailoverCoordinator>(),
            sp.GetService<SyncScheduler>(),
            sp.GetRequiredService<NodeMetrics>(),
            sp.GetRequiredService<ILogger<AdminRequestHandler>>()));
        return builder.Build();
    }
}
