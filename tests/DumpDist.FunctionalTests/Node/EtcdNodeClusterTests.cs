using System.Net;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Node;

/// <summary>
/// Two real nodes whose cluster file says <c>assignments.store: etcd</c>, on a real etcd the test
/// starts on 127.0.0.1: `dumpdist failover` through etcd, and what the nodes do while etcd is down
/// or hung (keep serving, refuse the failover with exit 1 naming etcd, report the store unreachable)
/// and once it is back.
/// </summary>
public sealed class EtcdNodeClusterTests : IAsyncLifetime
{
    private readonly string _dir = TestPaths.NewTempDirectory("node-etcd");
    private EtcdServer _etcd = null!;
    private TwoNodeCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _etcd = await EtcdServer.StartAsync();

        // A short refresh brings the nodes back within seconds of etcd; etcd.timeout keeps its default (5s), as the CLI's wait must cover it.
        _cluster = await TwoNodeCluster.CreateAsync(_dir, assignments: $"""
            assignments:
              store: etcd
              refresh: 2s
              etcd:
                endpoints: [{_etcd.ClientUrl}]
                prefix: /dumpdist-node-test/
            """);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _etcd.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Node_EtcdStore_FailoverMovesWebAndBothNodesAgree()
    {
        var c = _cluster;
        await StartAndSyncAsync();
        Assert.Equal(0, (await c.AssignmentsAsync("a")).Epoch);
        Assert.Equal(200, await c.HealthAsync("a", "web"));
        Assert.Equal(503, await c.HealthAsync("b", "web"));

        var moved = await c.CliAsync("failover", "--config", c.ConfigPath, "--service", "web", "--to", "b", "--reason", "maintenance on a");
        Assert.True(moved.ExitCode == 0, moved.StandardError + moved.StandardOutput);
        Assert.Contains("committed to etcd", moved.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("web=b", moved.StandardOutput, StringComparison.Ordinal);

        // The node that committed holds epoch 1 at once; the other takes it from its watch.
        Assert.True(
            await Eventually.TrueAsync(async () => await EpochAndWebAsync("a") == (1, "b") && await EpochAndWebAsync("b") == (1, "b"), TimeSpan.FromSeconds(20)),
            $"the nodes never agreed on epoch 1 with web on b: a {await EpochAndWebAsync("a")}, b {await EpochAndWebAsync("b")}");
        Assert.True(
            await Eventually.TrueAsync(async () => await c.HealthAsync("b", "web") == 200 && await c.HealthAsync("a", "web") == 503, TimeSpan.FromSeconds(10)),
            $"health did not flip: a {await c.HealthAsync("a", "web")}, b {await c.HealthAsync("b", "web")}");
        using var file = await c.Http.GetAsync(c.Web("b", "index.html"));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_dir, "source", "public", "index.html")), await file.Content.ReadAsByteArrayAsync());

        // The audit record lives in etcd and is read back through either node.
        using var audit = await c.CallAsync(HttpMethod.Get, "b", "api/v1/audit");
        var body = await audit.Content.ReadAsStringAsync();
        Assert.Contains("\"reason\":\"maintenance on a\"", body, StringComparison.Ordinal);
        Assert.Contains("\"from\":\"a\",\"to\":\"b\"", body, StringComparison.Ordinal);

        // etcd holds the set itself, not only the nodes' memory.
        Assert.Contains("\"web\":\"b\"", await StoredSetAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_EtcdDown_KeepsServingRefusesFailoverReportsUnreachableAndRecovers()
    {
        var c = _cluster;
        await StartAndSyncAsync();
        Assert.Equal("1", await ReachableMetricAsync("a"));

        // etcd dies (SIGKILL): both nodes keep their epoch-0 assignments and keep serving.
        await _etcd.StopAsync();
        foreach (var host in new[] { "a", "b" })
        {
            Assert.True(
                await Eventually.TrueAsync(async () => await ReachableMetricAsync(host) == "0", TimeSpan.FromSeconds(20)),
                $"{host} never reported the assignment store unreachable; /metrics says {await ReachableMetricAsync(host)}");
        }

        using (var served = await c.Http.GetAsync(c.Web("a", "index.html")))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        Assert.Equal(200, await c.HealthAsync("a", "web"));
        Assert.Equal(0, (await c.AssignmentsAsync("b")).Epoch);

        var refused = await c.CliAsync("failover", "--config", c.ConfigPath, "--service", "web", "--to", "b");
        Assert.True(refused.ExitCode == 1, $"exit {refused.ExitCode}: {refused.StandardError}{refused.StandardOutput}");
        Assert.Contains("etcd did not confirm epoch 1", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains(_etcd.ClientUrl.ToString(), refused.StandardError, StringComparison.Ordinal);
        Assert.Equal("a", (await c.AssignmentsAsync("a")).HostOf("web"));
        Assert.Equal(200, await c.HealthAsync("a", "web"));

        // etcd comes back on the same data dir: the nodes reconnect and a failover goes through.
        await _etcd.RestartAsync();
        foreach (var host in new[] { "a", "b" })
        {
            Assert.True(
                await Eventually.TrueAsync(async () => await ReachableMetricAsync(host) == "1", TimeSpan.FromSeconds(30)),
                $"{host} never reported the assignment store reachable again; /metrics says {await ReachableMetricAsync(host)}");
        }

        var moved = await c.CliAsync("failover", "--config", c.ConfigPath, "--service", "web", "--to", "b");
        Assert.True(moved.ExitCode == 0, moved.StandardError + moved.StandardOutput);
        Assert.True(
            await Eventually.TrueAsync(async () => await EpochAndWebAsync("a") == (1, "b") && await EpochAndWebAsync("b") == (1, "b"), TimeSpan.FromSeconds(20)),
            $"the nodes never agreed on epoch 1 after etcd came back: a {await EpochAndWebAsync("a")}, b {await EpochAndWebAsync("b")}");
        Assert.True(await Eventually.TrueAsync(async () => await c.HealthAsync("b", "web") == 200, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Node_EtcdHung_FailoverFailsNamingEtcdAndNodesFollowWhatEtcdHoldsAfter()
    {
        var c = _cluster;
        await StartAndSyncAsync();

        // A frozen member keeps its connections open and never answers: the commit runs into assignments.etcd.timeout
        // (5 s, as long as the CLI's admin.timeout), and the CLI still gets the node's answer rather than "no node answered".
        await _etcd.FreezeAsync();
        var refused = await c.CliAsync("failover", "--config", c.ConfigPath, "--service", "web", "--to", "b");
        Assert.True(refused.ExitCode == 1, $"exit {refused.ExitCode}: {refused.StandardError}{refused.StandardOutput}");
        Assert.Contains("etcd did not confirm epoch 1", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("did not answer within 5 s", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("it may still apply it", refused.StandardError, StringComparison.Ordinal);

        using (var served = await c.Http.GetAsync(c.Web("a", "index.html")))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        // Thawed, the member may apply the transaction it had received before it froze (the message says so):
        // whichever set etcd ends up with, both nodes take that one and no other.
        await _etcd.ThawAsync();
        Assert.True(
            await Eventually.TrueAsync(async () => await ReachableMetricAsync("a") == "1" && await ReachableMetricAsync("b") == "1", TimeSpan.FromSeconds(30)),
            "the nodes never reached etcd again after it was thawed");
        Assert.True(
            await Eventually.TrueAsync(async () => await NodesFollowEtcdAsync(), TimeSpan.FromSeconds(20)),
            $"etcd holds '{await StoredSetAsync()}' but a has {await EpochAndWebAsync("a")} and b {await EpochAndWebAsync("b")}");
    }

    private async Task<bool> NodesFollowEtcdAsync()
    {
        var stored = await StoredSetAsync();
        var expected = stored.Contains("\"web\":\"b\"", StringComparison.Ordinal) ? (1L, "b") : (0L, "a");
        return await EpochAndWebAsync("a") == expected && await EpochAndWebAsync("b") == expected && await StoredSetAsync() == stored;
    }

    /// <summary>The assignments value in etcd, read with etcdctl (empty while etcd holds none).</summary>
    private async Task<string> StoredSetAsync()
    {
        var stored = await ExternalProgram.RunAsync("etcdctl", ["--endpoints", _etcd.ClientUrl.ToString(), "get", "/dumpdist-node-test/assignments", "--print-value-only"]);
        Assert.True(stored.ExitCode == 0, stored.StandardError);
        return stored.StandardOutput.Trim();
    }

    private async Task StartAndSyncAsync()
    {
        foreach (var host in new[] { "a", "b" })
        {
            await _cluster.StartAsync(host);
        }

        foreach (var host in new[] { "a", "b" })
        {
            using var sync = await _cluster.CallAsync(HttpMethod.Post, host, "api/v1/sync?wait=true");
            Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        }
    }

    private async Task<(long Epoch, string? Web)> EpochAndWebAsync(string host)
    {
        var set = await _cluster.AssignmentsAsync(host);
        return (set.Epoch, set.HostOf("web"));
    }

    /// <summary>The value of dumpdist_node_assignment_store_reachable on a node's /metrics.</summary>
    private async Task<string?> ReachableMetricAsync(string host)
    {
        using var metrics = await _cluster.CallAsync(HttpMethod.Get, host, "metrics");
        var text = await metrics.Content.ReadAsStringAsync();
        const string Name = "dumpdist_node_assignment_store_reachable ";
        return text.Split('\n').FirstOrDefault(l => l.StartsWith(Name, StringComparison.Ordinal))?[Name.Length..].Trim();
    }
}
