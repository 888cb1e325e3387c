using System.Diagnostics;
using System.Globalization;
using DumpDist.TestSupport;
using DumpDist.TestSupport.Cluster;

namespace DumpDist.ClusterBench;

/// <summary>
/// (c) A node over a large tree: resident memory at idle (after its first pass, and after a
/// restart) and start-up time to <c>/healthz/web</c> answering and to its first 200. Baselines in
/// the same run, on the same tree in node a's namespace: the one-off <c>dumpdist web</c> (the web
/// service alone) and nginx (master and workers, autoindex on), start-up to the first 200 and
/// resident memory after the same idle time.
/// </summary>
internal static class FootprintScenario
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    public static async Task<(IReadOnlyList<Samples> Samples, IReadOnlyList<string> Lines)> RunAsync(ClusterLab lab, string dumpdistDll, int restarts)
    {
        var lines = new List<string>();
        var clock = Stopwatch.StartNew();
        var syncs = await Task.WhenAll(ClusterLab.Nodes.Select(lab.TriggerSyncAsync));
        lines.Add($"(c) first pass (initial copy) of both nodes: {clock.Elapsed.TotalSeconds:0.0} s, HTTP {string.Join(", ", syncs.Select(s => s.Status))}");
        await Task.Delay(Idle);
        var node = lab.Node("a").Id;
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"(c) node a idle {Idle.TotalSeconds:0} s after its first pass: VmRSS {Footprint.RssMiB(node):0.0} MiB (dotnet), ganesha {Footprint.Children(node, "ganesha.nfsd").Sum(Footprint.RssMiB):0.0} MiB"));

        var answering = new Samples("(c) node start-up: exec -> /healthz/web answers");
        var healthy = new Samples("(c) node start-up: exec -> /healthz/web 200");
        var rss = new Samples("(c) node VmRSS idle after restart (dotnet only)", "MiB");
        for (var i = 0; i < restarts; i++)
        {
            await lab.KillNodeAsync("a");
            clock.Restart();
            answering.Add(await lab.StartNodeAsync("a"));
            await WaitAsync(() => lab.HttpAsync("ops", "GET", lab.AdminUrl("a", "/healthz/web")), 200);
            healthy.Add(clock.Elapsed);
            await Task.Delay(Idle);
            rss.Add(Footprint.RssMiB(lab.Node("a").Id));
        }

        var address = lab.Address("a");
        var webAlone = new Samples("(c) baseline dumpdist web one-off: exec -> first 200");
        var webRss = new Samples("(c) baseline dumpdist web one-off: VmRSS idle", "MiB");
        var nginxUp = new Samples("(c) baseline nginx: exec -> first 200");
        var nginxRss = new Samples("(c) baseline nginx: VmRSS idle (master + workers)", "MiB");
        var nginxConf = await WriteNginxConfigAsync(lab, address);
        for (var i = 0; i < restarts; i++)
        {
            clock.Restart();
            var web = lab.Network.Start("a", "dumpdist web", Path.Combine(lab.Directory, "logs", "bench-web.log"), "dotnet",
                [dumpdistDll, "web", "--root", lab.Root("a"), "--listen", $"http://{address}:8091", "--conn-limit", "0", "--rate", "0"]);
            await WaitAsync(() => lab.HttpAsync("client", "GET", $"http://{address}:8091/"), 200);
            webAlone.Add(clock.Elapsed);
            await Task.Delay(Idle);
            webRss.Add(Footprint.RssMiB(web.Id));
            await web.DisposeAsync();

            clock.Restart();
            var nginx = lab.Network.Start("a", "nginx", Path.Combine(lab.Directory, "logs", "bench-nginx.log"), "nginx", ["-c", nginxConf]);
            await WaitAsync(() => lab.HttpAsync("client", "GET", $"http://{address}:8090/"), 200);
            nginxUp.Add(clock.Elapsed);
            await Task.Delay(Idle);
            nginxRss.Add(Footprint.RssMiB(nginx.Id) + Footprint.Children(nginx.Id, "nginx").Sum(Footprint.RssMiB));
            await nginx.DisposeAsync();
        }

        return ([answering, healthy, rss, webAlone, webRss, nginxUp, nginxRss], lines);
    }

    private static async Task WaitAsync(Func<Task<HttpReply>> call, int status)
    {
        if (!await Eventually.TrueAsync(async () => (await call()).Status == status, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(20)))
        {
            throw new InvalidOperationException($"no HTTP {status} within 120 s: {await call()}");
        }
    }

    private static async Task<string> WriteNginxConfigAsync(ClusterLab lab, string address)
    {
        var dir = Path.Combine(lab.Directory, "nginx");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "nginx.conf");
        await File.WriteAllTextAsync(path, $$"""
            worker_processes auto;
            daemon off;
            user root;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              sendfile on;
              client_body_temp_path {{dir}}/tmp;
              proxy_temp_path {{dir}}/tmp;
              fastcgi_temp_path {{dir}}/tmp;
              uwsgi_temp_path {{dir}}/tmp;
              scgi_temp_path {{dir}}/tmp;
              server {
                listen {{address}}:8090;
                root {{lab.Root("a")}}/public;
                autoindex on;
              }
            }

            """);
        return path;
    }
}
