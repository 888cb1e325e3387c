using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Ganesha;
using DumpDist.Nfs.Probe;
using DumpDist.Nfs.Tests.Support;
using DumpDist.TestSupport;
using DumpDist.Nfs.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace DumpDist.Nfs.Tests.Ganesha;

public sealed class GaneshaSupervisorTests : IAsyncLifetime
{
    private readonly string _directory = TestPaths.NewTempDirectory("ganesha-supervisor");
    private readonly int _port = FreePort.Next();
    private readonly NfsProbe _probe = new();
    private GaneshaSupervisor? _supervisor;

    private string Public => Path.Combine(_directory, "srv", "public");

    private NfsEndpoint Endpoint => new("127.0.0.1", _port);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Public, "enwiki"));
        File.WriteAllText(Path.Combine(Public, "enwiki", "index.html"), "<html>enwiki</html>\n");
        _supervisor = Create(RenderedConfig());
        return Task.CompletedTask;
    }

    private string RenderedConfig()
    {
        var exports = new NfsExportSet("dumps1", Public, _port, [new NfsClientRule("nfs-vps", "127.0.0.1")]);
        return GaneshaConfigRenderer.Render(exports, new GaneshaRenderOptions { BindAddress = "127.0.0.1", RecoveryRoot = Path.Combine(_directory, "recovery") });
    }

    private GaneshaSupervisor Create(string configText)
    {
        var options = new GaneshaOptions
        {
            ConfigText = configText,
            ConfigPath = Path.Combine(_directory, "etc", "ganesha.conf"),
            LogPath = Path.Combine(_directory, "log", "ganesha.log"),
            PidFile = Path.Combine(_directory, "run", "ganesha.pid"),
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            StopTimeout = TimeSpan.FromSeconds(5),
        };
        return new GaneshaSupervisor(options, TimeProvider.System, NullLogger<GaneshaSupervisor>.Instance, new NfsMetrics(_registry));
    }

    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();

    [Fact]
    public async Task StartAsync_GoodConfig_ExportsLiveAndMetricsSayRunning()
    {
        await _supervisor!.StartAsync(CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(_supervisor.Status.ExportsLive is not null), TimeSpan.FromSeconds(20)));
        Assert.True(_supervisor.Status.ExportsLive);
        var text = await MetricsText.ExportAsync(_registry);
        Assert.Contains("dumpdist_nfs_ganesha_running 1", text);
        Assert.Contains("dumpdist_nfs_exports_applied{format=\"ganesha\"} 1", text);
    }

    [Fact]
    public async Task StartAsync_ConfigGaneshaRejects_ExportsNotLiveWithGaneshasError()
    {
        // Quoted client entries parse but are rejected: ganesha then runs with no export at all.
        var bad = RenderedConfig().Replace("Clients = 127.0.0.1;", "Clients = \"127.0.0.1\";", StringComparison.Ordinal);
        _supervisor!.Dispose();
        _supervisor = Create(bad);

        await _supervisor.StartAsync(CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(_supervisor.Status.ExportsLive is not null), TimeSpan.FromSeconds(20)));
        Assert.False(_supervisor.Status.ExportsLive);
        Assert.Contains(_supervisor.Status.ConfigErrors!, e => e.Contains("Expected a client, got a double quoted string", StringComparison.Ordinal));
        Assert.Contains("dumpdist_nfs_exports_applied{format=\"ganesha\"} 0", await MetricsText.ExportAsync(_registry));
    }

    [Fact]
    public async Task StartAsync_RenderedConfig_ServesExportReadOnly()
    {
        await _supervisor!.StartAsync(CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(IsUpAsync, TimeSpan.FromSeconds(20)), "ganesha did not come up");
        var cat = await ExternalProgram.RunAsync("nfs-cat", [NfsUrl.For(_port, "enwiki/index.html")]);
        Assert.Equal("<html>enwiki</html>\n", cat.StandardOutput);
        Assert.True(_supervisor.Status.Running);
        Assert.True(File.Exists(Path.Combine(_directory, "etc", "ganesha.conf")));
    }

    [Fact]
    public async Task StopAsync_Running_ProcessGoneAndPortClosed()
    {
        await _supervisor!.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(IsUpAsync, TimeSpan.FromSeconds(20)), "ganesha did not come up");
        var pid = _supervisor.Status.ProcessId!.Value;

        await _supervisor.StopAsync(CancellationToken.None);

        Assert.False(Directory.Exists($"/proc/{pid}"), $"ganesha pid {pid} still exists");
        Assert.False(await IsUpAsync());
        Assert.False(_supervisor.Status.Running);
    }

    [Fact]
    public async Task ExecuteAsync_GaneshaKilled_RestartedAndServingAgain()
    {
        await _supervisor!.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(IsUpAsync, TimeSpan.FromSeconds(20)), "ganesha did not come up");
        var firstPid = _supervisor.Status.ProcessId!.Value;

        await ExternalProgram.RunAsync("kill", ["-9", firstPid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(
            await Eventually.TrueAsync(async () => _supervisor.Status is { Restarts: 1, Running: true } && await IsUpAsync(), TimeSpan.FromSeconds(20)),
            $"not restarted: {_supervisor.Status}");
        Assert.NotEqual(firstPid, _supervisor.Status.ProcessId);
        Assert.Equal(137, _supervisor.Status.LastExitCode); // 128 + SIGKILL
        var cat = await ExternalProgram.RunAsync("nfs-cat", [NfsUrl.For(_port, "enwiki/index.html")]);
        Assert.Equal("<html>enwiki</html>\n", cat.StandardOutput);
    }

    [Fact]
    public async Task UpdateConfigAsync_SameText_NothingRestarted()
    {
        await _supervisor!.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(IsUpAsync, TimeSpan.FromSeconds(20)), "ganesha did not come up");
        var pid = _supervisor.Status.ProcessId;

        var changed = await _supervisor.UpdateConfigAsync(RenderedConfig(), CancellationToken.None);

        Assert.False(changed);
        Assert.Equal(pid, _supervisor.Status.ProcessId);
    }

    [Fact]
    public async Task UpdateConfigAsync_NewClients_RewritesConfigAndRestartsGanesha()
    {
        await _supervisor!.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(IsUpAsync, TimeSpan.FromSeconds(20)), "ganesha did not come up");
        var firstPid = _supervisor.Status.ProcessId!.Value;
        var exports = new NfsExportSet("dumps1", Public, _port, [new NfsClientRule("nfs-vps", "127.0.0.1"), new NfsClientRule("nfs-vps", "10.64.21.3")]);
        var updated = GaneshaConfigRenderer.Render(exports, new GaneshaRenderOptions { BindAddress = "127.0.0.1", RecoveryRoot = Path.Combine(_directory, "recovery") });

        var changed = await _supervisor.UpdateConfigAsync(updated, CancellationToken.None);

        Assert.True(changed);
        Assert.Equal(updated, await File.ReadAllTextAsync(Path.Combine(_directory, "etc", "ganesha.conf")));
        Assert.False(Directory.Exists($"/proc/{firstPid}"), $"the old ganesha pid {firstPid} still exists");
        Assert.True(
            await Eventually.TrueAsync(async () => _supervisor.Status.ExportsLive == true && await IsUpAsync(), TimeSpan.FromSeconds(20)),
            $"not serving after the restart: {_supervisor.Status}");
        Assert.NotEqual(firstPid, _supervisor.Status.ProcessId);
        Assert.Equal(0, _supervisor.Status.Restarts); // a requested restart is not a crash
        var cat = await ExternalProgram.RunAsync("nfs-cat", [NfsUrl.For(_port, "enwiki/index.html")]);
        Assert.Equal("<html>enwiki</html>\n", cat.StandardOutput);
    }

    public async Task DisposeAsync()
    {
        if (_supervisor is not null)
        {
            await _supervisor.StopAsync(CancellationToken.None);
            _supervisor.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> IsUpAsync() =>
        (await _probe.ProbeAsync(Endpoint, TimeSpan.FromSeconds(1), CancellationToken.None)).IsUp;
}
