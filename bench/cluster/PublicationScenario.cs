using System.Diagnostics;
using System.Globalization;
using DumpDist.TestSupport.Cluster;

namespace DumpDist.ClusterBench;

/// <summary>
/// (b) A run that finished at the source, to downloadable through HAProxy with its status on both
/// nodes, with the admin trigger (<c>POST /api/v1/sync?wait=true</c> to both at once). Baselines in
/// the same run, from node a's namespace: plain <c>rsync -a</c> of the run directory alone, and the
/// no-change walk of the whole tree (<c>rsync -rlptn --stats</c>) that any pass has to make.
/// </summary>
internal static class PublicationScenario
{
    private static int _nextDay = 10;

    public static async Task<IReadOnlyList<Samples>> RunAsync(ClusterLab lab, int rounds, string label, long runBytes)
    {
        var published = new Samples($"(b) {label}: trigger -> both passes done");
        var downloadable = new Samples($"(b) {label}: trigger -> status on both, file through HAProxy");
        var copy = new Samples($"(b) {label}: baseline rsync -a of the run alone");
        var walk = new Samples($"(b) {label}: baseline rsync -rlptn walk of the tree");
        var gen = lab.Address("gen");
        for (var round = 0; round < rounds; round++)
        {
            var date = string.Create(CultureInfo.InvariantCulture, $"202612{Interlocked.Increment(ref _nextDay):00}");
            var sums = await DumpRunWriter.WriteAsync(lab.SourceTree, "wikidatawiki", date, [("stub-articles.xml.gz", 1 << 20), ("pages-articles.xml.bz2", runBytes)]);
            var big = sums.Keys.Single(k => k.EndsWith(".bz2", StringComparison.Ordinal));
            var clock = Stopwatch.StartNew();
            var replies = await Task.WhenAll(ClusterLab.Nodes.Select(lab.TriggerSyncAsync));
            published.Add(clock.Elapsed);
            foreach (var reply in replies)
            {
                Check(reply.Status == 200 && reply.Body.Contains("\"ok\"", StringComparison.Ordinal), $"sync: {reply}");
            }

            foreach (var node in ClusterLab.Nodes)
            {
                Check(File.Exists(Path.Combine(lab.Root(node), "public", "wikidatawiki", date, "dumpstatus.json")), $"no status of {date} on {node}");
            }

            var local = Path.Combine(lab.Directory, "client", "bench-run");
            var download = await lab.DownloadAsync(lab.LbUrl(big), local, "bench-publication");
            Check(download.ExitCode == 0, $"GET {big}: {download.StandardError}");
            downloadable.Add(clock.Elapsed);
            Check(await DumpRunWriter.Sha256Async(local) == sums[big], $"{big} differs from the source");

            var target = Path.Combine(lab.Directory, "a", $"bench-copy-{date}");
            clock.Restart();
            var rsync = await lab.Network.RunAsync("a", "rsync", ["-a", $"rsync://{gen}:873/dumps/public/wikidatawiki/{date}/", target + "/"], timeout: TimeSpan.FromMinutes(10));
            copy.Add(clock.Elapsed);
            Check(rsync.ExitCode == 0, rsync.StandardError);
            Directory.Delete(target, recursive: true);

            clock.Restart();
            var dry = await lab.Network.RunAsync("a", "rsync", ["-rlptn", "--stats", $"rsync://{gen}:873/dumps/public/", Path.Combine(lab.Root("a"), "public") + "/"], timeout: TimeSpan.FromMinutes(10));
            walk.Add(clock.Elapsed);
            Check(dry.ExitCode is 0 or 24, dry.StandardError);
        }

        return [published, downloadable, copy, walk];
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
