using DumpDist.TestSupport;
using System.Text.Json;
using DumpDist.Nfs.ClientAgent;
using DumpDist.Nfs.Tests.Support;

namespace DumpDist.Nfs.Tests.ClientAgent;

public sealed class ClientAgentTests : IAsyncLifetime
{
    private readonly ClientAgentFixture _fx = new();

    public async Task InitializeAsync()
    {
        await _fx.StartAsync("dumps1");
        await _fx.StartAsync("dumps2");
    }

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    [Fact]
    public async Task RunOnceAsync_ActiveStoppedThenBack_FlipsOnlyWhenDownAndReturnsAfterHysteresis()
    {
        var agent = _fx.Agent(_fx.Options());

        var first = await agent.RunOnceAsync(CancellationToken.None);
        Assert.Equal("dumps1", first.Target);
        Assert.Equal(_fx.MountPoint("dumps1"), SymlinkSwitcher.Read(_fx.Link));
        Assert.Equal("dumps1", _fx.ServedBy());

        // Both healthy: stays, however often it runs.
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        var stillUp = await agent.RunOnceAsync(CancellationToken.None);
        Assert.False(stillUp.Switched);
        Assert.Equal("dumps1", _fx.ServedBy());

        // The active ganesha stops: the next round flips to dumps2 and records why.
        await _fx.StopAsync("dumps1");
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        var failover = await agent.RunOnceAsync(CancellationToken.None);
        Assert.True(failover.Switched);
        Assert.Equal("dumps2", failover.Target);
        Assert.Equal(_fx.MountPoint("dumps2"), SymlinkSwitcher.Read(_fx.Link));
        Assert.Equal("dumps2", _fx.ServedBy());
        using (var state = JsonDocument.Parse(await File.ReadAllTextAsync(_fx.StateFile)))
        {
            var lastSwitch = state.RootElement.GetProperty("last_switch");
            Assert.Equal("dumps1", lastSwitch.GetProperty("from").GetString());
            Assert.Equal("dumps2", lastSwitch.GetProperty("to").GetString());
            Assert.Contains("assigned server dumps1 is unhealthy (probe 127.0.0.1:", lastSwitch.GetProperty("reason").GetString());
            Assert.Contains("ConnectionRefused", lastSwitch.GetProperty("reason").GetString());
        }

        // dumps1 comes back: the links stay on dumps2 until dumps1 has been healthy for 10 minutes.
        await _fx.StartAsync("dumps1");
        foreach (var step in new[] { 1, 4, 5 }) // rounds at which dumps1 has been healthy for 0, 4 and 9 minutes
        {
            _fx.Time.Advance(TimeSpan.FromMinutes(step));
            var waiting = await agent.RunOnceAsync(CancellationToken.None);
            Assert.False(waiting.Switched, waiting.Reason);
            Assert.Equal("dumps2", _fx.ServedBy());
        }

        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        var back = await agent.RunOnceAsync(CancellationToken.None);
        Assert.True(back.Switched, back.Reason);
        Assert.Equal("dumps1", back.Target);
        Assert.Contains("following the assignment", back.Reason);
        Assert.Equal("dumps1", _fx.ServedBy());
    }

    [Fact]
    public async Task RunOnceAsync_AssignedServerFlaps_HysteresisRestartsAtEachOutage()
    {
        var agent = _fx.Agent(_fx.Options());
        await agent.RunOnceAsync(CancellationToken.None);
        await _fx.StopAsync("dumps1");
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("dumps2", (await agent.RunOnceAsync(CancellationToken.None)).Target);

        // Up for 8 minutes, down for one round, up again: the clock starts over.
        await _fx.StartAsync("dumps1");
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        await agent.RunOnceAsync(CancellationToken.None);
        _fx.Time.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal("dumps2", (await agent.RunOnceAsync(CancellationToken.None)).Target);
        await _fx.StopAsync("dumps1");
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("dumps2", (await agent.RunOnceAsync(CancellationToken.None)).Target);
        await _fx.StartAsync("dumps1");
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        await agent.RunOnceAsync(CancellationToken.None);
        _fx.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("dumps2", (await agent.RunOnceAsync(CancellationToken.None)).Target);
        Assert.Equal("dumps2", _fx.ServedBy());

        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("dumps1", (await agent.RunOnceAsync(CancellationToken.None)).Target);
        Assert.Equal("dumps1", _fx.ServedBy());
    }

    [Fact]
    public async Task RunOnceAsync_AfterFailover_MetricsShowActiveServerProbesAndSwitch()
    {
        var agent = _fx.Agent(_fx.Options());
        await agent.RunOnceAsync(CancellationToken.None);
        await _fx.StopAsync("dumps1");

        await agent.RunOnceAsync(CancellationToken.None);

        var text = await MetricsText.ExportAsync(_fx.Registry);
        Assert.Contains("dumpdist_nfs_client_active{service=\"nfs-vps\",server=\"dumps1\"} 0", text);
        Assert.Contains("dumpdist_nfs_client_active{service=\"nfs-vps\",server=\"dumps2\"} 1", text);
        Assert.Contains("dumpdist_nfs_probe_up{server=\"dumps1\"} 0", text);
        Assert.Contains("dumpdist_nfs_probe_up{server=\"dumps2\"} 1", text);
        Assert.Contains("dumpdist_nfs_client_switches_total{service=\"nfs-vps\",from=\"dumps1\",to=\"dumps2\"} 1", text);
    }

    [Fact]
    public async Task RunOnceAsync_MetricsFileSet_WritesTextfileForNodeExporter()
    {
        var file = Path.Combine(_fx.Root, "textfile", "dumpdist_client.prom");

        await _fx.Agent(_fx.Options() with { MetricsFile = file }).RunOnceAsync(CancellationToken.None);

        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("dumpdist_nfs_client_active{service=\"nfs-vps\",server=\"dumps1\"} 1", text);
        Assert.Contains("dumpdist_nfs_probe_up{server=\"dumps2\"} 1", text);
    }

    [Fact]
    public async Task RunOnceAsync_NewAgentEachRound_StateFileCarriesHysteresis()
    {
        // As under a systemd timer running `dumpdist client --once`: nothing survives in memory.
        await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None);
        await _fx.StopAsync("dumps1");
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("dumps2", (await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None)).Target);
        await _fx.StartAsync("dumps1");
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None);
        _fx.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("dumps2", (await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None)).Target);
        _fx.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("dumps1", (await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None)).Target);
    }

    [Fact]
    public async Task RunOnceAsync_CanaryMissingOnActiveMount_SwitchesEvenThoughProbeIsUp()
    {
        var agent = _fx.Agent(_fx.Options());
        await agent.RunOnceAsync(CancellationToken.None);
        Directory.Move(Path.Combine(_fx.MountPoint("dumps1"), "enwiki"), Path.Combine(_fx.MountPoint("dumps1"), "enwiki.gone"));

        var report = await agent.RunOnceAsync(CancellationToken.None);

        Assert.Equal("dumps2", report.Target);
        Assert.Contains("canary", report.Reason);
        Assert.Equal("dumps2", _fx.ServedBy());
    }

    [Fact]
    public async Task RunOnceAsync_CanaryStatHangs_UnhealthyWithinStatTimeout()
    {
        using var hang = new ManualResetEventSlim(false);
        var stuck = _fx.MountPoint("dumps1");
        var canary = new CanaryStat(path => path.StartsWith(stuck, StringComparison.Ordinal) ? hang.Wait(TimeSpan.FromSeconds(30)) : Directory.Exists(path));
        var agent = _fx.Agent(_fx.Options() with { StatTimeout = TimeSpan.FromMilliseconds(300) }, canary);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var report = await agent.RunOnceAsync(CancellationToken.None);

        hang.Set();
        Assert.Equal("dumps2", report.Target);
        Assert.Contains("did not return within 0.3 s", report.Health.Single(h => h.Name == "dumps1").Detail);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunOnceAsync_AdminApiAssignsDumps2_FollowsHighestEpoch()
    {
        await using var node1 = await FakeAdminApi.StartAsync("""{"epoch": 3, "services": {"nfs-vps": "dumps1"}}""");
        await using var node2 = await FakeAdminApi.StartAsync("""{"epoch": 4, "services": {"nfs-vps": "dumps2", "web": "dumps1"}}""");
        var agent = _fx.Agent(_fx.Options([node1.BaseAddress, node2.BaseAddress], token: "s3cret"));

        var report = await agent.RunOnceAsync(CancellationToken.None);

        Assert.Equal("dumps2", report.Target);
        Assert.Equal(4, report.Assignment.Epoch);
        Assert.Equal("dumps2", _fx.ServedBy());
        Assert.Equal("Bearer s3cret", node2.LastAuthorization);
    }

    [Fact]
    public async Task RunOnceAsync_AdminApisDownOrGarbage_FallsBackToConfigDefault()
    {
        await using var broken = await FakeAdminApi.StartAsync("not json");
        await using var unavailable = await FakeAdminApi.StartAsync(null);
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var agent = _fx.Agent(_fx.Options([broken.BaseAddress, unavailable.BaseAddress, closed]));

        var report = await agent.RunOnceAsync(CancellationToken.None);

        Assert.Equal("config default", report.Assignment.Source);
        Assert.Equal("dumps1", report.Target);
    }

    [Fact]
    public async Task RunOnceAsync_NotMounted_MountsEachServerWithProductionOptions()
    {
        await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None);
        await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None);

        string[] expected =
            [
                $"-t nfs4 -o vers=4,bg,soft,ro,proto=tcp,timeo=300,retrans=3,noatime,port={_fx.Ports["dumps1"]} 127.0.0.1:/ {_fx.MountPoint("dumps1")}",
                $"-t nfs4 -o vers=4,bg,soft,ro,proto=tcp,timeo=300,retrans=3,noatime,port={_fx.Ports["dumps2"]} 127.0.0.1:/ {_fx.MountPoint("dumps2")}",
            ];
        Assert.Equal(
            expected.Order(StringComparer.Ordinal),
            _fx.Mounts.Calls.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunOnceAsync_ServerDown_NotMountedUntilItAnswers()
    {
        await _fx.StopAsync("dumps2");
        await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None);
        await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None);
        Assert.Equal([$"-t nfs4 -o vers=4,bg,soft,ro,proto=tcp,timeo=300,retrans=3,noatime,port={_fx.Ports["dumps1"]} 127.0.0.1:/ {_fx.MountPoint("dumps1")}"], _fx.Mounts.Calls);

        await _fx.StartAsync("dumps2");
        await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, _fx.Mounts.Calls.Count);
        Assert.EndsWith(_fx.MountPoint("dumps2"), _fx.Mounts.Calls[1]);
    }

    [Fact]
    public async Task RunOnceAsync_LinkPathIsRealDirectory_LeavesItAndReportsProblem()
    {
        Directory.CreateDirectory(_fx.Link);
        File.WriteAllText(Path.Combine(_fx.Link, "keep.txt"), "operator data");

        var report = await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None);

        Assert.Contains(report.Problems, p => p.Contains("exists and is not a symlink", StringComparison.Ordinal));
        Assert.Equal("operator data", File.ReadAllText(Path.Combine(_fx.Link, "keep.txt")));
    }

    [Fact]
    public async Task RunOnceAsync_CorruptStateFile_StartsFreshAndRewritesIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_fx.StateFile)!);
        await File.WriteAllTextAsync(_fx.StateFile, "{ not json");

        var report = await _fx.Agent(_fx.Options()).RunOnceAsync(CancellationToken.None);

        Assert.Contains(report.Problems, p => p.Contains("unreadable", StringComparison.Ordinal));
        Assert.Equal("dumps1", JsonDocument.Parse(await File.ReadAllTextAsync(_fx.StateFile)).RootElement.GetProperty("current").GetString());
    }
}
