using System.Net;
using System.Text.Json;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Node;

/// <summary>
/// Two real nodes on loopback: sync through the admin trigger, health for the balancer, the token,
/// failover, drain and undrain with their guards and audit, a node that missed an epoch catching
/// up, `dumpdist status`, and SIGTERM.
/// </summary>
public sealed class NodeClusterTests : IAsyncLifetime
{
    private readonly string _dir = TestPaths.NewTempDirectory("node-cluster");
    private TwoNodeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TwoNodeCluster.CreateAsync(_dir);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Node_TwoHosts_SyncHealthTokenFailoverDrainCatchUpStatusAndSigterm()
    {
        var c = _cluster;
        await c.StartAsync("a");
        await c.StartAsync("b");

        // Sync on demand (the generation side's trigger), then both serve the same tree.
        foreach (var host in new[] { "a", "b" })
        {
            using var sync = await c.CallAsync(HttpMethod.Post, host, "api/v1/sync?wait=true");
            Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
            Assert.Contains("\"xmldatadumps\":\"ok\"", await sync.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The tree's own index.html is served at /; the generated listing is at ?listing.
        var index = await c.Http.GetStringAsync(c.Web("b", "?listing"));
        Assert.Contains("other/", index, StringComparison.Ordinal);
        Assert.Equal(200, await c.HealthAsync("a", "web"));
        Assert.Equal(503, await c.HealthAsync("b", "web"));

        // The mirrors' rsync daemon runs under each node; only b, the active host, says 200.
        Assert.True(await Eventually.TrueAsync(async () => await c.HealthAsync("b", "rsync") == 200, TimeSpan.FromSeconds(20)), "b's rsync daemon never became healthy");
        Assert.Equal(503, await c.HealthAsync("a", "rsync"));

        // Without the token, or with a wrong one: 401 and nothing changes.
        foreach (var token in new[] { null, "wrong" })
        {
            using var state = await c.CallAsync(HttpMethod.Get, "a", "api/v1/state", token);
            using var failover = await c.CallAsync(HttpMethod.Post, "a", "api/v1/failover", token, """{"service":"web","to":"b"}""");
            using var drainCall = await c.CallAsync(HttpMethod.Post, "b", "api/v1/drain", token, """{"host":"a"}""");
            using var sync = await c.CallAsync(HttpMethod.Post, "a", "api/v1/sync", token);
            Assert.All(new[] { state, failover, drainCall, sync }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        }

        Assert.Equal(0, (await c.AssignmentsAsync("a")).Epoch);
        using (var metrics = await c.CallAsync(HttpMethod.Get, "a", "metrics"))
        {
            var text = await metrics.Content.ReadAsStringAsync();
            Assert.Contains("dumpdist_node_assignment_epoch 0", text, StringComparison.Ordinal);
            Assert.Contains("dumpdist_node_service_healthy{service=\"web\"} 1", text, StringComparison.Ordinal);
            Assert.Contains("dumpdist_sync_passes_total{dataset=\"xmldatadumps\",outcome=\"ok\"} 1", text, StringComparison.Ordinal);
            Assert.Contains("dumpdist_web_requests_total", text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await c.CallAsync(HttpMethod.Get, "a", "metrics", token: null)).StatusCode);

        // Failover through the CLI: both nodes hold epoch 1, the balancer's view flips.
        var moved = await c.CliAsync("failover", "--config", c.ConfigPath, "--service", "web", "--to", "b", "--reason", "maintenance on a");
        Assert.True(moved.ExitCode == 0, moved.StandardError + moved.StandardOutput);
        Assert.Contains("web=b", moved.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("b", (await c.AssignmentsAsync("a")).HostOf("web"));
        Assert.Equal(1, (await c.AssignmentsAsync("b")).Epoch);
        Assert.True(await Eventually.TrueAsync(async () => await c.HealthAsync("b", "web") == 200 && await c.HealthAsync("a", "web") == 503, TimeSpan.FromSeconds(10)));
        using (var audit = await c.CallAsync(HttpMethod.Get, "a", "api/v1/audit"))
        {
            var body = await audit.Content.ReadAsStringAsync();
            Assert.Contains("\"token\":\"ops\"", body, StringComparison.Ordinal);
            Assert.Contains("\"reason\":\"maintenance on a\"", body, StringComparison.Ordinal);
            Assert.Contains("\"from\":\"a\",\"to\":\"b\"", body, StringComparison.Ordinal);
        }

        // Drain b: web moves back to a healthy a, b refuses new downloads, and b cannot be chosen unless forced.
        var drain = await c.CliAsync("drain", "--config", c.ConfigPath, "--host", "b");
        Assert.True(drain.ExitCode == 0, drain.StandardError + drain.StandardOutput);
        Assert.Equal("a", (await c.AssignmentsAsync("b")).HostOf("web"));
        Assert.True(await Eventually.TrueAsync(async () => (int)(await c.Http.GetAsync(c.Web("b", "index.html"))).StatusCode == 503, TimeSpan.FromSeconds(10)));
        Assert.Equal(503, await c.HealthAsync("b", "web"));
        var refused = await c.CliAsync("failover", "--config", c.ConfigPath, "--service", "web", "--to", "b");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("b is draining", refused.StandardError, StringComparison.Ordinal);
        var undrain = await c.CliAsync("undrain", "--config", c.ConfigPath, "--host", "b");
        Assert.True(undrain.ExitCode == 0, undrain.StandardError);
        Assert.Equal(HttpStatusCode.OK, (await c.Http.GetAsync(c.Web("b", "index.html"))).StatusCode);
        var back = await c.CliAsync("failover", "--config", c.ConfigPath, "--service", "web", "--to", "b");
        Assert.True(back.ExitCode == 0, back.StandardError + back.StandardOutput);

        // SIGTERM: a stops cleanly (exit 0). While it is down a failover to it is refused unless forced.
        Assert.Equal(0, await c["a"].TerminateAsync(TimeSpan.FromSeconds(60)));
        var toDead = await c.CliAsync("failover", "--config", c.ConfigPath, "--service", "web", "--to", "a");
        Assert.Equal(1, toDead.ExitCode);
        Assert.Contains("a is unreachable", toDead.StandardError, StringComparison.Ordinal);
        var forced = await c.CliAsync("failover", "--config", c.ConfigPath, "--service", "web", "--to", "a", "--force", "--reason", "a is back soon");
        Assert.True(forced.ExitCode == 0, forced.StandardError + forced.StandardOutput);
        var missed = (await c.AssignmentsAsync("b")).Epoch;
        var down = await c.CliAsync("status", "--config", c.ConfigPath);
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("a: UNREACHABLE", down.StandardOutput, StringComparison.Ordinal);

        // a comes back and takes the epoch it missed from b; status is all healthy, web on a.
        await c.StartAsync("a");
        Assert.True(await Eventually.TrueAsync(async () => (await c.AssignmentsAsync("a")).Epoch == missed, TimeSpan.FromSeconds(30)));
        Assert.Equal("a", (await c.AssignmentsAsync("a")).HostOf("web"));
        Assert.True(await Eventually.TrueAsync(async () => await c.HealthAsync("a", "web") == 200, TimeSpan.FromSeconds(20)));
        var status = await c.CliAsync("status", "--config", c.ConfigPath, "--json");
        Assert.True(status.ExitCode == 0, status.StandardError + status.StandardOutput);
        using var json = JsonDocument.Parse(status.StandardOutput);
        Assert.Equal("a", json.RootElement.GetProperty("assignments").GetProperty("services").GetProperty("web").GetString());
        Assert.All(json.RootElement.GetProperty("hosts").EnumerateArray(), h => Assert.True(h.GetProperty("reachable").GetBoolean()));

        // The same view on each node's public web, without secrets.
        var page = await c.Http.GetStringAsync(c.Web("b", "status"));
        var pageJson = await c.Http.GetStringAsync(c.Web("b", "status.json"));
        Assert.Contains("<title>dumpdist status</title>", page, StringComparison.Ordinal);
        Assert.Contains("<td><b>web</b></td><td class=\"active\" data-label=\"Active host\">a</td>", page, StringComparison.Ordinal);
        using var statusJson = JsonDocument.Parse(pageJson);
        Assert.Equal("b", statusJson.RootElement.GetProperty("reported_by").GetString());
        Assert.Equal(2, statusJson.RootElement.GetProperty("hosts").GetArrayLength());
        Assert.DoesNotContain(TwoNodeCluster.Token, page + pageJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_TokenFileReadableByOthers_RefusesToStartWithExit2()
    {
        File.SetUnixFileMode(_cluster.TokenPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var node = NodeProcess.Start(_cluster.ConfigPath, "a");
        await using var _ = node;
        var exit = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        Assert.Contains("chmod 600", node.Output, StringComparison.Ordinal);
        Assert.Equal(0, await _cluster.HealthAsync("a", "web"));
    }
}
