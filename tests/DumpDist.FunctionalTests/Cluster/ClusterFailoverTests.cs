using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DumpDist.TestSupport;
using DumpDist.TestSupport.Cluster;
using Xunit.Abstractions;

namespace DumpDist.FunctionalTests.Cluster;

/// <summary>
/// The cluster end to end, every part a real process in its own network namespace
/// (<see cref="ClusterLab"/>): the generation host's rsync daemon, two <c>dumpdist node</c>s (each
/// with its ganesha), HAProxy on the config <c>dumpdist lb haproxy</c> renders, a downloading client
/// and the NFS client agent. The steps follow the issue's acceptance list; node A's SIGKILL serves
/// both the web download (step 2) and the NFS agent (step 3).
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan FailoverGoal = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ClusterLab? _lab;
    private string _smallFile = string.Empty;
    private string _textFile = string.Empty;

    private ClusterLab Lab => _lab ?? throw new InvalidOperationException("the lab did not start");

    public async Task InitializeAsync()
    {
        _lab = await ClusterLab.StartAsync(new ClusterLabOptions { DumpDistDll = DumpDistProcess.DllPath, Log = Log });
        var run = Path.Combine(Lab.SourceTree, "public", "enwiki", "20261101");
        _smallFile = "enwiki/20261101/" + Path.GetFileName(Directory.GetFiles(run, "*.gz").OrderBy(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal).First());
        _textFile = "enwiki/20261101/enwiki-20261101-sha1sums.txt";
    }

    [Fact]
    public async Task Cluster_FailoverKillAndRestart_ClientsFollowAndNothingIsLost()
    {
        try
        {
            await BothNodesSyncAndANewRunIsPublishedOnBothAsync();
            await NfsAgentFollowsTheFailoverToBAsync();
            var partial = await WebFailoverMovesNewRequestsThenAIsKilledAsync();
            await DownloadResumesFromBByteIdenticalAsync(partial);
            await NfsAgentStaysOnBAfterADiedAsync();
            await RestartedNodeTakesTheEpochItMissedAsync();
            await CallsWithoutTheTokenGet401AndChangeNothingAsync();
        }
        catch
        {
            Log(Lab.Diagnostics());
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        Log("lab removed");
    }

    /// <summary>Step 1: "sync now" on both nodes; a client's download through HAProxy comes from A; a run that finishes at the source is published on both at the next trigger.</summary>
    private async Task BothNodesSyncAndANewRunIsPublishedOnBothAsync()
    {
        var clock = Stopwatch.StartNew();
        await SyncBothAsync();
        Log($"step 1: both nodes synced in {clock.Elapsed.TotalSeconds:0.0} s");

        var servedBy = await WaitServedByAsync(_smallFile, "a", TimeSpan.FromSeconds(30), "first");
        Assert.True(servedBy == "a", $"a download through HAProxy before any failover was served by {servedBy ?? "nobody"}, not a");
        var lines = Lab.AccessLogLines("a", "first-");
        Assert.StartsWith(Lab.Address("client") + " ", lines[^1], StringComparison.Ordinal); // X-Forwarded-For from the trusted balancer
        Assert.Contains($"\"GET /{_smallFile} HTTP/1.1\" 200 ", lines[^1], StringComparison.Ordinal);

        var sums = await DumpRunWriter.WriteAsync(Lab.SourceTree, "wikidatawiki", "20261202", [("stub-articles.xml.gz", 300_000), ("pages-articles.xml.bz2", 1_500_000)]);
        clock.Restart();
        await SyncBothAsync();
        var publication = clock.Elapsed;
        Log($"step 1: new run published on both nodes {publication.TotalSeconds:0.00} s after the trigger");
        Assert.True(publication < TimeSpan.FromSeconds(30), $"publication took {publication.TotalSeconds:0.0} s");
        var status = await File.ReadAllBytesAsync(Path.Combine(Lab.SourceTree, "public", "wikidatawiki", "20261202", "dumpstatus.json"));
        foreach (var node in ClusterLab.Nodes)
        {
            Assert.Equal(status, await File.ReadAllBytesAsync(Path.Combine(Lab.Root(node), "public", "wikidatawiki", "20261202", "dumpstatus.json")));
        }

        foreach (var (path, sha256) in sums)
        {
            var local = Path.Combine(Lab.Directory, "client", Path.GetFileName(path));
            var download = await Lab.DownloadAsync(Lab.LbUrl(path), local, "new-run");
            Assert.True(download.ExitCode == 0, $"GET {path} through HAProxy: curl exit {download.ExitCode}: {download.StandardError}");
            Assert.Equal(sha256, await DumpRunWriter.Sha256Async(local));
        }
    }

    /// <summary>Step 3, first half: the agent points at A, then follows <c>dumpdist failover --service nfs-vps --to b</c>; the served files read through the link and through B's real ganesha.</summary>
    private async Task NfsAgentFollowsTheFailoverToBAsync()
    {
        Lab.StartAgent();
        Assert.True(await LinkPointsAtAsync("a", TimeSpan.FromSeconds(60)), $"the agent's link points at {LinkTarget()}, not a, 60 s after it started");
        await ReadThroughLinkAndNfsAsync("a");

        var clock = Stopwatch.StartNew();
        var failover = await Lab.DumpDistAsync("ops", "failover", "--config", Lab.ClusterFile, "--service", "nfs-vps", "--to", "b", "--reason", "e2e: nfs-vps to b");
        var command = clock.Elapsed;
        Assert.True(failover.ExitCode == 0, $"failover nfs-vps: exit {failover.ExitCode}: {failover.StandardOutput}{failover.StandardError}");
        Assert.Contains("nfs-vps=b", failover.StandardOutput, StringComparison.Ordinal);
        Assert.True(await LinkPointsAtAsync("b", TimeSpan.FromSeconds(60)), $"the agent's link points at {LinkTarget()}, not b, 60 s after the failover");
        Log($"step 3: the agent's link followed the nfs-vps failover to b {clock.Elapsed.TotalSeconds:0.0} s after the command started (the command took {command.TotalSeconds:0.0} s)");
        using (var state = JsonDocument.Parse(await File.ReadAllTextAsync(Lab.AgentStateFile)))
        {
            Assert.Equal("b", state.RootElement.GetProperty("assigned").GetString());
            Assert.Equal("b", state.RootElement.GetProperty("current").GetString());
        }

        await ReadThroughLinkAndNfsAsync("b");
    }

    /// <summary>
    /// Step 2, first half: a rate-limited 64 MiB download runs from A through HAProxy;
    /// <c>dumpdist failover --service web --to b</c> sends new requests to B within 5 s and leaves the
    /// running download alone; then node A is SIGKILLed (node and ganesha), which cuts the download.
    /// Returns the partial file.
    /// </summary>
    private async Task<string> WebFailoverMovesNewRequestsThenAIsKilledAsync()
    {
        var partial = Path.Combine(Lab.Directory, "client", "big.download");
        var download = Lab.StartDownload(Lab.LbUrl(Lab.BigFile), partial, "big-download");
        Assert.True(await Eventually.TrueAsync(() => Size(partial) > 0, TimeSpan.FromSeconds(30)), $"the big download did not start\n{download.LogTail()}");
        Assert.True(await Eventually.TrueAsync(async () => await LargestWebSendAsync("a") > 1 << 20, TimeSpan.FromSeconds(30)), "no connection on a's web port has sent 1 MiB: the download is not served by a");
        Assert.True(await LargestWebSendAsync("b") < 1 << 20, "a connection on b's web port has sent 1 MiB before the failover");

        var failover = await Lab.DumpDistAsync("ops", "failover", "--config", Lab.ClusterFile, "--service", "web", "--to", "b", "--reason", "e2e: web to b");
        var clock = Stopwatch.StartNew();
        Assert.True(failover.ExitCode == 0, $"failover web: exit {failover.ExitCode}: {failover.StandardOutput}{failover.StandardError}");
        Assert.Contains("web=b", failover.StandardOutput, StringComparison.Ordinal);
        var servedBy = await WaitServedByAsync(_smallFile, "b", TimeSpan.FromSeconds(30), "after-failover");
        var moved = clock.Elapsed;
        Log($"step 2: new requests reached b {moved.TotalSeconds:0.00} s after the failover command returned");
        Assert.True(servedBy == "b", "no request reached b within 30 s of the failover");
        Assert.True(moved <= FailoverGoal, $"new requests reached b only {moved.TotalSeconds:0.00} s after the failover (goal {FailoverGoal.TotalSeconds} s)");

        // The download that started on A is left alone by the failover: still running, still growing.
        var before = Size(partial);
        Assert.True(await Eventually.TrueAsync(() => Size(partial) > before, TimeSpan.FromSeconds(10)), "the running download stalled after the failover");
        Assert.False(download.HasExited, $"the running download ended at the failover (curl exit {download.ExitCode})");

        await Lab.KillNodeAsync("a");
        Assert.True(await download.WaitForExitAsync(TimeSpan.FromSeconds(30)), "curl did not notice that node a died");
        var full = new FileInfo(Path.Combine(Lab.SourceTree, "public", Lab.BigFile)).Length;
        Assert.True(Size(partial) < full, $"the download finished before node a was killed ({download.Age.TotalSeconds:0} s after it started): the machine is too slow for this rate");
        Assert.NotEqual(0, download.ExitCode);
        var probe = await Lab.DumpDistAsync("client", "nfs", "probe", Lab.Address("a"), "--timeout", "2");
        Assert.True(probe.ExitCode == 1, $"a's ganesha still answers after the kill: {probe.StandardOutput}");
        Log($"step 2: node a killed with {Size(partial) >> 20} MiB of the big file downloaded");
        return partial;
    }

    /// <summary>Step 2, second half: <c>curl -C -</c> through HAProxy resumes from B; the file is byte-identical to the source.</summary>
    private async Task DownloadResumesFromBByteIdenticalAsync(string partial)
    {
        var clock = Stopwatch.StartNew();
        ProcessResult resume;
        var attempts = 0;
        do
        {
            attempts++;
            resume = await Lab.DownloadAsync(Lab.LbUrl(Lab.BigFile), partial, "big-download", resume: true);
        }
        while (resume.ExitCode != 0 && attempts < 5);
        Assert.True(resume.ExitCode == 0, $"curl -C - failed {attempts} times, last exit {resume.ExitCode}: {resume.StandardError}");
        Assert.Equal(Lab.BigFileSha256, await DumpRunWriter.Sha256Async(partial));
        var resumed = Lab.AccessLogLines("b", "\"big-download\"");
        Assert.Contains(resumed, l => l.Contains($"\"GET /{Lab.BigFile} HTTP/1.1\" 206 ", StringComparison.Ordinal));
        Log($"step 2: download resumed from b in {attempts} attempt(s), {clock.Elapsed.TotalSeconds:0.0} s; sha256 matches the source");
    }

    /// <summary>Step 3, second half: after A's death the agent sees A unhealthy, its link stays on B and reads keep working.</summary>
    private async Task NfsAgentStaysOnBAfterADiedAsync()
    {
        var noticed = await Eventually.TrueAsync(() => AgentSeesUnhealthy("a"), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));
        Assert.True(noticed, $"the agent's state does not show a unhealthy 60 s after the kill: {ReadAgentState()}");
        Assert.Equal("b", LinkTarget());
        Assert.False(Lab.Agent!.HasExited, "the agent exited");
        await ReadThroughLinkAndNfsAsync("b");
    }

    /// <summary>Step 4: a change is made while A is down; A restarts, takes that epoch from B, and <c>dumpdist status</c> shows both up with B active.</summary>
    private async Task RestartedNodeTakesTheEpochItMissedAsync()
    {
        var missed = await Lab.DumpDistAsync("ops", "failover", "--config", Lab.ClusterFile, "--service", "nfs-analytics", "--to", "b", "--reason", "e2e: while a is down");
        Assert.True(missed.ExitCode == 0, $"failover nfs-analytics while a is down: exit {missed.ExitCode}: {missed.StandardOutput}{missed.StandardError}");
        var onB = await Lab.AssignmentsAsync("b") ?? throw new InvalidOperationException("b does not answer");
        Assert.Equal(3, onB.Epoch);

        var clock = Stopwatch.StartNew();
        await Lab.StartNodeAsync("a");
        var caughtUp = await Eventually.TrueAsync(async () => (await Lab.AssignmentsAsync("a"))?.Epoch == onB.Epoch, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));
        Assert.True(caughtUp, $"a restarted with epoch {(await Lab.AssignmentsAsync("a"))?.Epoch}, b has {onB.Epoch}");
        var onA = (await Lab.AssignmentsAsync("a"))!;
        Assert.Equal(onB.Services.OrderBy(s => s.Key), onA.Services.OrderBy(s => s.Key));
        Log($"step 4: a restarted and holds epoch {onA.Epoch} after {clock.Elapsed.TotalSeconds:0.0} s");

        ProcessResult status = new(-1, string.Empty, string.Empty);
        var settled = await Eventually.TrueAsync(
            async () => (status = await Lab.DumpDistAsync("ops", "status", "--config", Lab.ClusterFile, "--json")).ExitCode == 0 && EveryServiceWorks(status.StandardOutput),
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(500));
        Assert.True(settled, $"dumpdist status did not report a healthy cluster with every service working within 60 s of a's restart: exit {status.ExitCode}\n{status.StandardOutput}\n{status.StandardError}");
        using (var json = JsonDocument.Parse(status.StandardOutput))
        {
            var root = json.RootElement;
            Assert.Empty(root.GetProperty("problems").EnumerateArray());
            Assert.Equal(onB.Epoch, root.GetProperty("assignments").GetProperty("epoch").GetInt64());
            foreach (var service in new[] { "web", "nfs-vps", "nfs-analytics" })
            {
                Assert.Equal("b", root.GetProperty("assignments").GetProperty("services").GetProperty(service).GetString());
            }

            var audit = root.GetProperty("audit").EnumerateArray().ToList();
            Assert.Equal(3, audit[0].GetProperty("epoch").GetInt64());
            Assert.Equal("nfs-analytics", audit[0].GetProperty("service").GetString());
            Assert.All(audit, record => Assert.Equal("ops", record.GetProperty("token").GetString()));

            var hosts = root.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("host").GetString()!, h => h);
            Assert.Equal(new[] { "a", "b" }, hosts.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, host) in hosts)
            {
                Assert.True(host.GetProperty("reachable").GetBoolean(), $"{name} unreachable in status");
                var state = host.GetProperty("state");
                Assert.Equal(onB.Epoch, state.GetProperty("assignments").GetProperty("epoch").GetInt64());
                Assert.False(state.GetProperty("draining").GetBoolean());
                foreach (var service in new[] { "web", "nfs-vps", "nfs-analytics" })
                {
                    var entry = state.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("name").GetString() == service);
                    Assert.True(entry.GetProperty("working").GetBoolean(), $"{service} does not work on {name}: {entry}");
                    Assert.Equal(name == "b", entry.GetProperty("healthy").GetBoolean());
                }
            }
        }
    }

    /// <summary>Step 5: change and read calls without a token or with a wrong one get 401 and change nothing.</summary>
    private async Task CallsWithoutTheTokenGet401AndChangeNothingAsync()
    {
        var before = await Lab.StateAsync("b") ?? throw new InvalidOperationException("b does not answer");
        (string Method, string Path, string? Body)[] calls =
        [
            ("POST", "/api/v1/failover", """{"service":"web","to":"a","force":true,"reason":"intruder"}"""),
            ("POST", "/api/v1/drain", """{"host":"b","force":true,"reason":"intruder"}"""),
            ("GET", "/api/v1/state", null),
            ("POST", "/api/v1/sync?wait=true", null),
        ];
        foreach (var node in ClusterLab.Nodes)
        {
            foreach (var auth in new[] { AdminAuth.None, AdminAuth.WrongToken })
            {
                foreach (var (method, path, body) in calls)
                {
                    var reply = await Lab.AdminAsync("ops", node, method, path, auth, body);
                    Assert.True(reply.Status == 401, $"{method} {path} on {node} with {auth}: {reply}");
                    Assert.Equal("Bearer", reply.WwwAuthenticate.Trim());
                }
            }
        }

        var cli = await Lab.DumpDistAsync("ops", "failover", "--config", Lab.ClusterFile, "--service", "web", "--to", "a", "--force", "--token-file", Lab.WrongTokenFile);
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("refused the admin token (401)", cli.StandardError, StringComparison.Ordinal);

        foreach (var node in ClusterLab.Nodes)
        {
            var after = await Lab.StateAsync(node) ?? throw new InvalidOperationException($"{node} does not answer");
            Assert.Equal(before.Assignments.Epoch, after.Assignments.Epoch);
            Assert.Equal(before.Assignments.Services.OrderBy(s => s.Key), after.Assignments.Services.OrderBy(s => s.Key));
            Assert.Empty(after.Assignments.Draining);
            Assert.False(after.Draining);
            Assert.DoesNotContain(after.Datasets, d => d.Running);
        }

        var bAfter = (await Lab.StateAsync("b"))!;
        Assert.Equal(before.Datasets.Single().LastPass, bAfter.Datasets.Single().LastPass);
        Log($"step 5: {ClusterLab.Nodes.Count * 2 * calls.Length} calls without a valid token got 401; epoch still {bAfter.Assignments.Epoch}");
    }

    private async Task SyncBothAsync()
    {
        var replies = await Task.WhenAll(ClusterLab.Nodes.Select(Lab.TriggerSyncAsync));
        foreach (var (node, reply) in ClusterLab.Nodes.Zip(replies))
        {
            Assert.True(reply.Status == 200, $"sync on {node}: {reply}\n{Lab.Node(node).LogTail()}");
            using var json = JsonDocument.Parse(reply.Body);
            Assert.Equal("ok", json.RootElement.GetProperty("outcomes").GetProperty("xmldatadumps").GetString());
        }
    }

    /// <summary>Downloads <paramref name="path"/> through HAProxy (each request with its own User-Agent) until one is served by <paramref name="expected"/>; returns the node that served the last one.</summary>
    private async Task<string?> WaitServedByAsync(string path, string expected, TimeSpan limit, string label)
    {
        var source = await File.ReadAllBytesAsync(Path.Combine(Lab.SourceTree, "public", path));
        var local = Path.Combine(Lab.Directory, "client", "small.download");
        var clock = Stopwatch.StartNew();
        string? last = null;
        for (var n = 0; clock.Elapsed < limit; n++)
        {
            var agent = $"{label}-{n}";
            last = await Lab.ServedByAsync(path, local, agent);
            if (last is not null)
            {
                Assert.Equal(source, await File.ReadAllBytesAsync(local));
                Assert.Single(ClusterLab.Nodes, node => Lab.AccessLogLines(node, $"\"{agent}\"").Count > 0);
                if (last == expected)
                {
                    return last;
                }
            }

            await Task.Delay(100);
        }

        return last;
    }

    private async Task ReadThroughLinkAndNfsAsync(string server)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(Lab.SourceTree, "public", _textFile));
        Assert.Equal(source, await File.ReadAllTextAsync(Path.Combine(Lab.AgentLink, _textFile)));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Lab.SourceTree, "public", _smallFile)), await File.ReadAllBytesAsync(Path.Combine(Lab.AgentLink, _smallFile)));

        // The same file through the real NFS server the link names (ganesha in the node's namespace).
        var nfs = await Lab.Network.RunAsync("client", "nfs-cat", [$"nfs://{Lab.Address(server)}/{_textFile}?version=4"], timeout: TimeSpan.FromSeconds(30));
        Assert.True(nfs.ExitCode == 0, $"nfs-cat from {server}: exit {nfs.ExitCode}: {nfs.StandardError}");
        Assert.Equal(source, nfs.StandardOutput);
    }

    private async Task<bool> LinkPointsAtAsync(string server, TimeSpan limit) =>
        await Eventually.TrueAsync(() => LinkTarget() == server, limit, TimeSpan.FromMilliseconds(250));

    /// <summary>Which server the agent's link points at (the mount point dumps-H), or null.</summary>
    private string? LinkTarget()
    {
        var target = new FileInfo(Lab.AgentLink).LinkTarget;
        return target is null ? null : Path.GetFileName(target) is { } name && name.StartsWith("dumps-", StringComparison.Ordinal) ? name["dumps-".Length..] : target;
    }

    private bool AgentSeesUnhealthy(string server)
    {
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllText(Lab.AgentStateFile));
            return !state.RootElement.GetProperty("servers").GetProperty(server).GetProperty("healthy").GetBoolean();
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
        {
            return false;
        }
    }

    private string ReadAgentState() => File.Exists(Lab.AgentStateFile) ? File.ReadAllText(Lab.AgentStateFile) : "(no state file)";

    /// <summary>The most bytes one established connection on the node's web port has had acknowledged (a download in flight), from <c>ss -ti</c>.</summary>
    private async Task<long> LargestWebSendAsync(string node)
    {
        var ss = await Lab.Network.RunAsync(node, "ss", ["-tniH", "state", "established", $"( sport = :{ClusterLab.WebPort} )"]);
        Assert.True(ss.ExitCode == 0, ss.StandardError);
        return Regex.Matches(ss.StandardOutput, @"bytes_acked:(\d+)").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
    }

    /// <summary>Whether `dumpdist status --json` shows every service working on every host (a restarted node's ganesha takes a moment).</summary>
    private static bool EveryServiceWorks(string statusJson)
    {
        using var json = JsonDocument.Parse(statusJson);
        return json.RootElement.GetProperty("hosts").EnumerateArray().All(h =>
            h.TryGetProperty("state", out var state) && state.GetProperty("services").EnumerateArray().All(s => s.GetProperty("working").GetBoolean()));
    }

    private static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private void Log(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}
