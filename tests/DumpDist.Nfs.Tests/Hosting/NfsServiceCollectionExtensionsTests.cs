using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Ganesha;
using DumpDist.Nfs.Hosting;
using DumpDist.Nfs.Probe;
using DumpDist.Nfs.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace DumpDist.Nfs.Tests.Hosting;

public sealed class NfsServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("nfs-node");
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();

    public NfsServiceCollectionExtensionsTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "root", "public", "enwiki"));
        File.WriteAllText(Path.Combine(_dir, "root", "public", "enwiki", "index.html"), "node served\n");
    }

    [Fact]
    public async Task AddDumpDistNfsServer_Ganesha_NodeServesExportAndStopsGaneshaWithHost()
    {
        var port = FreePort.Next();
        var config = ClusterSamples.Two(["127.0.0.1"], [], vpsPort: port, analyticsPort: port, rootOfDumps1: Path.Combine(_dir, "root"));
        var options = new NfsServerOptions
        {
            Server = ExportsFormat.Ganesha,
            GaneshaRender = new GaneshaRenderOptions { BindAddress = "127.0.0.1", RecoveryRoot = Path.Combine(_dir, "recovery") },
            Ganesha = new GaneshaOptions
            {
                ConfigPath = Path.Combine(_dir, "ganesha.conf"),
                LogPath = Path.Combine(_dir, "ganesha.log"),
                PidFile = Path.Combine(_dir, "ganesha.pid"),
            },
            ProbeInterval = TimeSpan.FromMilliseconds(200),
        };
        Directory.CreateDirectory(Path.Combine(_dir, "recovery"));
        using var host = Build(config, options);

        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<NfsProbeMonitor>();
        var up = await Eventually.TrueAsync(() => Task.FromResult(monitor.Last.TryGetValue("dumps1", out var r) && r.IsUp), TimeSpan.FromSeconds(20));
        var cat = await ExternalProgram.RunAsync("nfs-cat", [NfsUrl.For(port, "enwiki/index.html")]);
        var pid = host.Services.GetRequiredService<GaneshaSupervisor>().Status.ProcessId;
        var status = host.Services.GetRequiredService<NfsServerStatus>();
        await Eventually.TrueAsync(() => Task.FromResult(status.Read().ExportsApplied is not null), TimeSpan.FromSeconds(10));
        var health = status.Read();
        await host.StopAsync();
        var afterStop = status.Read();

        Assert.True(up, "the probe monitor never saw dumps1 up");
        Assert.Equal("node served\n", cat.StandardOutput);
        Assert.NotNull(pid);
        Assert.False(Directory.Exists($"/proc/{pid}"), "ganesha outlived the host");
        Assert.Contains("dumpdist_nfs_probe_up{server=\"dumps1\"} 1", await MetricsText.ExportAsync(_registry));
        Assert.True(health.Healthy, health.ExportsDetail);
        Assert.Equal("ganesha initialized the export", health.ExportsDetail);
        Assert.True(health.Probes["dumps1"].IsUp);
        Assert.False(afterStop.Healthy);
        Assert.Equal(false, afterStop.GaneshaRunning);
    }

    [Fact]
    public async Task AddDumpDistNfsServer_Kernel_AppliesExportsAtStart()
    {
        using var exportfs = new FakeExportfs();
        var config = ClusterSamples.Two(["10.0.0.0/8"], ["stat1008.example.org"], rootOfDumps1: "/srv/dumps");
        var options = new NfsServerOptions
        {
            Server = ExportsFormat.Kernel,
            Kernel = new KernelExportsOptions { ExportsFile = exportfs.ExportsFile, ExportfsPath = exportfs.ProgramPath },
            ProbeInterval = TimeSpan.FromHours(1),
            ProbeTimeout = TimeSpan.FromMilliseconds(200),
        };
        using var host = Build(config, options);

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(KernelExportsRenderer.Render(ExportsFor(config)), await File.ReadAllTextAsync(exportfs.ExportsFile));
        Assert.StartsWith("args: -ra\n", exportfs.Calls);
        Assert.True(host.Services.GetRequiredService<KernelExportsService>().LastResult!.Applied);
        Assert.Contains("dumpdist_nfs_exports_applied{format=\"kernel\"} 1", await MetricsText.ExportAsync(_registry));
        var health = host.Services.GetRequiredService<NfsServerStatus>().Read();
        Assert.True(health.Healthy);
        Assert.Equal("kernel", health.Server);
        Assert.Contains("ran exportfs -ra", health.ExportsDetail);
    }

    [Fact]
    public async Task AddDumpDistNfsServer_Kernel_ClientsEditedInClusterFile_ExportsRewrittenAndReapplied()
    {
        using var exportfs = new FakeExportfs();
        var path = Path.Combine(_dir, "cluster.yaml");
        await File.WriteAllTextAsync(path, ClusterYaml("10.0.0.0/8"));
        var source = DumpDist.Core.Configuration.Source.ClusterConfigSource.Open(path, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, out var errors)!;
        var options = new NfsServerOptions
        {
            Server = ExportsFormat.Kernel,
            Kernel = new KernelExportsOptions { ExportsFile = exportfs.ExportsFile, ExportfsPath = exportfs.ProgramPath },
            ProbeInterval = TimeSpan.FromHours(1),
            ProbeTimeout = TimeSpan.FromMilliseconds(200),
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_registry);
        builder.Services.AddSingleton<DumpDist.Core.Configuration.Source.IClusterConfigSource>(source);
        builder.Services.AddDumpDistNfsServer(source.Current, "dumps1", options);
        using var host = builder.Build();
        await host.StartAsync();
        var before = await File.ReadAllTextAsync(exportfs.ExportsFile);

        await File.WriteAllTextAsync(path, ClusterYaml("10.1.0.0/16"));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.True(source.ReloadIfChanged());
        var listener = host.Services.GetServices<IHostedService>().OfType<NfsConfigListener>().Single();
        await listener.LastApply;
        var after = await File.ReadAllTextAsync(exportfs.ExportsFile);
        await host.StopAsync();

        Assert.Empty(errors);
        Assert.Contains("10.0.0.0/8(", before, StringComparison.Ordinal);
        Assert.Contains("10.1.0.0/16(", after, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.0/8", after, StringComparison.Ordinal);
        Assert.Equal(2, exportfs.Calls.Split("args: -ra").Length - 1);
    }

    [Fact]
    public void AddDumpDistNfsServer_ConfigBreaksNfsRule_ThrowsWithReason()
    {
        var config = ClusterSamples.Two(["*"], []);

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddDumpDistNfsServer(config, "dumps1", new NfsServerOptions()));

        Assert.Contains("services.nfs-vps.clients[0]: '*' would export to every address", error.Message);
    }

    [Fact]
    public void AddDumpDistNfsServer_NoNfsServiceConfigured_RegistersNothing()
    {
        var config = ClusterSamples.Two(["10.0.0.0/8"], []);
        config = config with { Services = config.Services with { NfsVps = null, NfsAnalytics = null } };
        var services = new ServiceCollection();

        services.AddDumpDistNfsServer(config, "dumps1", new NfsServerOptions());

        Assert.Empty(services);
    }

    [Fact]
    public void AddDumpDistNfsServer_HostWithListenAddress_GaneshaBindsToIt()
    {
        var config = ClusterSamples.Two(["127.0.0.1"], []);
        config = config with { Hosts = [config.Hosts[0] with { ListenAddress = System.Net.IPAddress.Parse("127.0.0.2") }, config.Hosts[1]] };
        var options = new NfsServerOptions { Server = ExportsFormat.Ganesha };

        new ServiceCollection().AddDumpDistNfsServer(config, "dumps1", options);

        Assert.Contains("Bind_addr = 127.0.0.2;", options.Ganesha.ConfigText, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string ClusterYaml(string vpsClients) => $"""
        source:
          url: rsync://gen.example.org/dumps/
        datasets:
          - name: xmldatadumps
            path: public
        hosts:
          - name: dumps1
            public_address: 127.0.0.1
            admin_address: 127.0.0.1:9100
            root: {Path.Combine(_dir, "root")}
          - name: dumps2
            public_address: 127.0.0.2
            admin_address: 127.0.0.2:9100
            root: /srv/dumps
        services:
          nfs-vps:
            active: dumps1
            clients: [{vpsClients}]
        """;

    private static NfsExportSet ExportsFor(DumpDist.Core.Configuration.ClusterConfig config) => NfsExportPlanner.Plan(config, "dumps1").Exports!;

    private IHost Build(DumpDist.Core.Configuration.ClusterConfig config, NfsServerOptions options)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_registry);
        builder.Services.AddDumpDistNfsServer(config, "dumps1", options);
        return builder.Build();
    }
}
