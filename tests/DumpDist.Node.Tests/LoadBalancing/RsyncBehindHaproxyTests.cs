using System.Globalization;
using System.Net;
using DumpDist.Core.Configuration;
using DumpDist.Mirrors.Modules;
using DumpDist.Mirrors.Rsyncd;
using DumpDist.Node.LoadBalancing;
using DumpDist.Node.Tests.LoadBalancing.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Node.Tests.LoadBalancing;

/// <summary>
/// services.rsync.proxy_protocol drives both ends: a real HAProxy rendered by `lb haproxy` in front of
/// the node's real rsync daemon (rsyncd.conf rendered from the same cluster file), all on loopback. The
/// daemon judges each mirror by its own address from the PROXY header, not by the balancer's.
/// </summary>
public sealed class RsyncBehindHaproxyTests
{
    [Fact]
    public async Task Pull_ThroughHaproxyWithProxyProtocol_AllowedOrRefusedByTheClientsOwnAddress()
    {
        var scratch = TestPaths.NewTempDirectory("rsync-haproxy");
        var root = Path.Combine(scratch, "root");
        Directory.CreateDirectory(Path.Combine(root, "public", "other", "pageviews"));
        await File.WriteAllTextAsync(Path.Combine(root, "public", "other", "pageviews", "pageviews-1.gz"), "views");
        int rsyncPort = FreePort.Next(), adminPort = FreePort.Next(), front = FreePort.Next();
        var config = Load(scratch, root, rsyncPort, adminPort);
        var settings = RsyncdSettings.From(config, "node1")!;
        var paths = RsyncdPaths.ForStateDir(Path.Combine(scratch, "state"));
        await IncludeListWriter.WriteAsync(root, paths, settings.KeepRuns, DateTimeOffset.UtcNow, CancellationToken.None);
        var health = await StubNode.StartAsync("node1", IPAddress.Loopback, adminPort, FreePort.Next(), FreePort.Next());
        health.RsyncHealthy = true;
        using var rsyncd = new RsyncdSupervisor(settings, paths, new RsyncdOptions(), TimeProvider.System, NullLogger.Instance);
        HaproxyProcess? haproxy = null;
        try
        {
            await rsyncd.StartAsync(CancellationToken.None);
            Assert.True(await DumpDist.TestSupport.Eventually.TrueAsync(() => rsyncd.Status.Healthy, TimeSpan.FromSeconds(20)), rsyncd.Status.ToString());
            var rendered = HaproxyConfigRenderer.Render(config, new HaproxyRenderOptions { RsyncBind = new HaproxyBind(IPAddress.Loopback, front) });
            Assert.True(rendered.Success, string.Join('\n', rendered.Errors));
            Assert.Empty(rendered.Warnings);
            Assert.Contains($"    server node1 127.0.0.1:{rsyncPort} check addr 127.0.0.1 port {adminPort} send-proxy-v2\n", rendered.Text, StringComparison.Ordinal);
            Assert.Contains("proxy protocol = yes\nproxy protocol hosts = 127.0.0.1/32\n", await File.ReadAllTextAsync(paths.ConfigFile), StringComparison.Ordinal);
            haproxy = await HaproxyProcess.StartAsync(rendered.Text!, front);

            var mirror = await PullAsync(front, "127.0.0.5", Path.Combine(scratch, "mirror"));
            var stranger = await PullAsync(front, "127.0.0.6", Path.Combine(scratch, "stranger"));
            var direct = await PullAsync(rsyncPort, "127.0.0.5", Path.Combine(scratch, "direct"));

            Assert.True(mirror.ExitCode == 0, mirror.StandardError + Log(paths));
            Assert.Equal("views", await File.ReadAllTextAsync(Path.Combine(scratch, "mirror", "pageviews", "pageviews-1.gz")));
            Assert.NotEqual(0, stranger.ExitCode);
            Assert.Contains("access denied", stranger.StandardError + stranger.StandardOutput, StringComparison.OrdinalIgnoreCase);
            Assert.False(File.Exists(Path.Combine(scratch, "stranger", "pageviews", "pageviews-1.gz")));
            // Straight to the daemon, not through a trusted proxy (qos.trusted_proxies), even the mirror gets nothing.
            Assert.NotEqual(0, direct.ExitCode);
            Assert.False(File.Exists(Path.Combine(scratch, "direct", "pageviews", "pageviews-1.gz")));
            // The daemon's own log names each client by the address in the header, never the balancer's 127.0.0.1.
            var log = Log(paths);
            Assert.Contains("rsync allowed access on module other from UNDETERMINED (127.0.0.5)", log, StringComparison.Ordinal);
            Assert.Contains("xfer send 127.0.0.5 other 5 ", log, StringComparison.Ordinal);
            Assert.Contains("rsync denied on module other from UNDETERMINED (127.0.0.6)", log, StringComparison.Ordinal);
            Assert.Contains("proxy protocol rejected from untrusted peer UNDETERMINED (127.0.0.5)", log, StringComparison.Ordinal);
        }
        finally
        {
            if (haproxy is not null)
            {
                await haproxy.DisposeAsync();
            }

            await rsyncd.StopAsync(CancellationToken.None);
            await health.DisposeAsync();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static Task<ProcessResult> PullAsync(int port, string from, string destination)
    {
        Directory.CreateDirectory(destination);
        return ExternalProgram.RunAsync("rsync", ["-r", "--timeout=30", "--address=" + from, $"rsync://127.0.0.1:{port}/other/", destination + "/"]);
    }

    private static string Log(RsyncdPaths paths) => File.Exists(paths.LogFile) ? File.ReadAllText(paths.LogFile) : string.Empty;

    private static ClusterConfig Load(string scratch, string root, int rsyncPort, int adminPort)
    {
        var yaml = string.Format(
            CultureInfo.InvariantCulture,
            """
            source: {{ url: /srv/source }}
            datasets: [{{ name: dumps, path: public, layout: wiki-runs }}]
            hosts:
              - {{ name: node1, public_address: 127.0.0.1, admin_address: "127.0.0.1:{0}", root: {1}, state_dir: {2} }}
            services:
              rsync: {{ active: node1, port: {3}, keep_runs: [1], proxy_protocol: true }}
            qos:
              trusted_proxies: [127.0.0.1]
            mirrors:
              - {{ name: mirror-five, url: "https://five.example.org/", hostname: five.example.org, ipv4: [127.0.0.5] }}

            """,
            adminPort,
            root,
            Path.Combine(scratch, "state"),
            rsyncPort);
        var loaded = ClusterConfigLoader.Parse(yaml, "cluster.yaml");
        Assert.True(loaded.Success, string.Join('\n', loaded.Errors));
        return loaded.Config;
    }
}
