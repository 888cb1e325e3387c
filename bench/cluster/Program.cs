using System.Diagnostics;
using System.Globalization;
using DumpDist.ClusterBench;
using DumpDist.TestSupport.Cluster;

// Usage: dotnet DumpDist.ClusterBench.dll DUMPDIST_DLL [ROUNDS] [LARGE_WIKIS] [LARGE_RUNS] [LARGE_SCALE]
// Phase 1 (the functional test's small tree): (a) failover and (b) publication.
// Phase 2 (a large tree): (c) node memory and start-up, and (b) again.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: DumpDist.ClusterBench DUMPDIST_DLL [ROUNDS] [LARGE_WIKIS] [LARGE_RUNS] [LARGE_SCALE]");
    return 2;
}

var dll = Path.GetFullPath(args[0]);
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var largeWikis = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
var largeRuns = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
var largeScale = args.Length > 4 ? long.Parse(args[4], CultureInfo.InvariantCulture) : 65536;
var results = new List<string>();
void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
void Report(object line)
{
    results.Add(line.ToString()!);
    Console.WriteLine(line);
}

var total = Stopwatch.StartNew();
await using (var small = await ClusterLab.StartAsync(new ClusterLabOptions { DumpDistDll = dll, BigFileBytes = 0, WebRate = "0", Log = Log }))
{
    Log("phase 1: small tree, syncing both nodes");
    foreach (var reply in await Task.WhenAll(ClusterLab.Nodes.Select(small.TriggerSyncAsync)))
    {
        if (reply.Status != 200)
        {
            throw new InvalidOperationException($"first sync: {reply}");
        }
    }

    var run = Path.Combine(small.SourceTree, "public", "enwiki", "20261101");
    var probe = "enwiki/20261101/" + Path.GetFileName(Directory.GetFiles(run, "*.gz").OrderBy(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal).First());
    Report($"small tree: {string.Join("; ", small.FixtureSummary.Split('\n').Where(l => l.StartsWith("files", StringComparison.Ordinal) || l.StartsWith("bytes", StringComparison.Ordinal)).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))))}");
    foreach (var samples in await FailoverScenario.RunAsync(small, probe, rounds))
    {
        Report(samples);
    }

    foreach (var samples in await PublicationScenario.RunAsync(small, 3, "small tree, 17 MiB run", 16 << 20))
    {
        Report(samples);
    }
}

Log($"phase 2: fixture --wikis {largeWikis} --runs {largeRuns} --scale {largeScale}");
await using (var large = await ClusterLab.StartAsync(new ClusterLabOptions { DumpDistDll = dll, FixtureWikis = largeWikis, FixtureRuns = largeRuns, FixtureScale = largeScale, BigFileBytes = 0, WebRate = "0", Log = Log }))
{
    Report($"large tree (--wikis {largeWikis} --runs {largeRuns} --scale {largeScale}): {string.Join("; ", large.FixtureSummary.Split('\n').Where(l => l.StartsWith("files", StringComparison.Ordinal) || l.StartsWith("bytes", StringComparison.Ordinal)).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))))}");
    var (samples, lines) = await FootprintScenario.RunAsync(large, dll, 3);
    foreach (var line in lines)
    {
        Report(line);
    }

    foreach (var s in samples)
    {
        Report(s);
    }

    foreach (var s in await PublicationScenario.RunAsync(large, 3, "large tree, 17 MiB run", 16 << 20))
    {
        Report(s);
    }
}

Log($"done in {total.Elapsed.TotalMinutes:0.0} min");
return 0;
