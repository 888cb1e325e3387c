using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DumpDist.Core.Cluster;
using DumpDist.TestSupport.Lab;

namespace DumpDist.TestSupport.Cluster;

/// <summary>
/// A whole dumpdist cluster on one machine, every part a real process in its own network
/// namespace (<see cref="NetworkLab"/>): <c>gen</c> (the generation host's read-only rsync daemon
/// over a fixture tree), <c>a</c> and <c>b</c> (<c>dumpdist node</c>, which starts ganesha),
/// <c>lb</c> (HAProxy on the config <c>dumpdist lb haproxy</c> renders), <c>client</c> (downloads, the
/// NFS client agent) and <c>ops</c> (operator commands). One cluster file drives it all. Dispose
/// kills every process and removes the namespaces and the directory.
/// </summary>
public sealed class ClusterLab : IAsyncDisposable
{
    /// <summary>The serving hosts.</summary>
    public static readonly IReadOnlyList<string> Nodes = ["a", "b"];

    /// <summary>The admin API port of every node.</summary>
    public const int AdminPort = 9100;

    /// <summary>The web port of every node.</summary>
    public const int WebPort = 8080;

    private readonly ClusterLabOptions _options;
    private readonly Dictionary<string, LabProcess> _nodes = new(StringComparer.Ordinal);

    private ClusterLab(ClusterLabOptions options, string directory, NetworkLab network)
    {
        _options = options;
        Directory = directory;
        Network = network;
    }

    public NetworkLab Network { get; }

    /// <summary>Everything the lab writes lives here.</summary>
    public string Directory { get; }

    /// <summary>The generation host's tree (the rsync module <c>dumps</c>); runs are under <c>public/</c>.</summary>
    public string SourceTree => Path.Combine(Directory, "gen", "tree");

    public string ClusterFile => Path.Combine(Directory, "cluster.yaml");

    /// <summary>The admin token file (mode 0600).</summary>
    public string TokenFile => Path.Combine(Directory, "ops", "admin.token");

    /// <summary>A token file no node accepts (mode 0600).</summary>
    public string WrongTokenFile => Path.Combine(Directory, "ops", "wrong.token");

    /// <summary>The NFS client agent's file.</summary>
    public string AgentFile => Path.Combine(Directory, "client", "agent.yaml");

    /// <summary>The agent's state file.</summary>
    public string AgentStateFile => Path.Combine(Directory, "client", "agent-state.json");

    /// <summary>The symlink the agent owns (<c>/public/dumps</c> on a real client).</summary>
    public string AgentLink => Path.Combine(Directory, "client", "public", "dumps");

    /// <summary>The big file's path under <c>public/</c> (URL path without the leading slash).</summary>
    public string BigFile { get; private set; } = string.Empty;

    /// <summary>The big file's SHA-256.</summary>
    public string BigFileSha256 { get; private set; } = string.Empty;

    /// <summary>How many files and bytes the fixture tree holds (from <c>dumpdist fixture</c>'s summary).</summary>
    public string FixtureSummary { get; private set; } = string.Empty;

    /// <summary>The NFS client agent, once started.</summary>
    public LabProcess? Agent { get; private set; }

    public string Address(string host) => Network.Address(host);

    /// <summary>The served tree of a node.</summary>
    public string Root(string node) => Path.Combine(Directory, node, "root");

    public string StateDir(string node) => Path.Combine(Directory, node, "state");

    /// <summary>The node's web access log (nginx combined).</summary>
    public string AccessLog(string node) => Path.Combine(Directory, node, "access.log");

    /// <summary>http://LB/PATH: through HAProxy.</summary>
    public string LbUrl(string path) => $"http://{Address("lb")}/{path.TrimStart('/')}";

    /// <summary>The running node process of <paramref name="node"/>.</summary>
    public LabProcess Node(string node) => _nodes[node];

    /// <summary>Builds the network, the canonical tree and the files, and starts the rsync daemon, both nodes and HAProxy; returns once each answers.</summary>
    public static async Task<ClusterLab> StartAsync(ClusterLabOptions options, CancellationToken cancellationToken = default)
    {
        var directory = TestPaths.NewTempDirectory("cluster");
        NetworkLab network;
        try
        {
            network = await NetworkLab.CreateAsync(["gen", "a", "b", "lb", "client", "ops"]);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }

        var lab = new ClusterLab(options, directory, network);
        try
        {
            await lab.PrepareAsync(cancellationToken);
            await lab.StartServicesAsync(cancellationToken);
            return lab;
        }
        catch
        {
            options.Log?.Invoke(lab.Diagnostics());
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <c>dumpdist node</c> on <paramref name="node"/> (again, after a kill) and waits until its admin API answers; returns how long that took.</summary>
    public async Task<TimeSpan> StartNodeAsync(string node, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var process = Network.Start(node, "dumpdist node", Path.Combine(Directory, "logs", $"node-{node}.log"), "dotnet",
            [_options.DumpDistDll, "node", "--config", ClusterFile, "--host", node, "--nfs-server", "ganesha", "--access-log", AccessLog(node)]);
        _nodes[node] = process;
        var ready = await Eventually.TrueAsync(
            async () => !process.HasExited && (await HttpAsync("ops", "GET", AdminUrl(node, "/healthz/web"))).Status is 200 or 503,
            TimeSpan.FromSeconds(120),
            TimeSpan.FromMilliseconds(20));
        if (!ready)
        {
            throw new InvalidOperationException($"node {node} did not answer on its admin listener within 120 s\n{process.LogTail()}");
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// SIGKILL to the node's process group, then to everything else in its namespace (ganesha runs
    /// in a process group of its own): the host is gone.
    /// </summary>
    public async Task KillNodeAsync(string node)
    {
        var process = _nodes[node];
        await process.KillAsync();
        Network.KillEverythingIn(node);
        await process.DisposeAsync();
    }

    /// <summary>Starts the NFS client agent (long-running) in <c>client</c>.</summary>
    public LabProcess StartAgent()
    {
        Agent = Network.Start("client", "dumpdist client", Path.Combine(Directory, "logs", "agent.log"), "dotnet", [_options.DumpDistDll, "client", "--config", AgentFile]);
        return Agent;
    }

    /// <summary>The admin API URL of <paramref name="node"/>.</summary>
    public string AdminUrl(string node, string path) => $"http://{Address(node)}:{AdminPort}{path}";

    /// <summary>An HTTP call with curl from inside <paramref name="from"/>'s namespace.</summary>
    public async Task<HttpReply> HttpAsync(string from, string method, string url, AdminAuth auth = AdminAuth.None, string? jsonBody = null, string? userAgent = null, TimeSpan? timeout = null)
    {
        var seconds = (timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var arguments = new List<string> { "-sS", "--max-time", seconds, "-w", "\n%{http_code}\n%header{www-authenticate}" };
        arguments.AddRange(method == "HEAD" ? ["-I"] : ["-X", method]);
        if (auth != AdminAuth.None)
        {
            arguments.AddRange(["-H", "@" + HeaderFile(auth)]);
        }

        if (userAgent is not null)
        {
            arguments.AddRange(["-A", userAgent]);
        }

        if (jsonBody is not null)
        {
            arguments.AddRange(["-H", "Content-Type: application/json", "--data-binary", jsonBody]);
        }

        arguments.Add(url);
        var result = await Network.RunAsync(from, "curl", arguments, timeout: (timeout ?? TimeSpan.FromSeconds(10)) + TimeSpan.FromSeconds(20));
        var lines = result.StandardOutput.Split('\n');
        var status = lines.Length >= 2 && int.TryParse(lines[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var body = lines.Length >= 2 ? string.Join('\n', lines[..^2]) : result.StandardOutput;
        return new HttpReply(status, body, lines.Length >= 2 ? lines[^1] : string.Empty, result.ExitCode, result.StandardError);
    }

    /// <summary>An admin API call from <paramref name="from"/> to <paramref name="node"/>.</summary>
    public Task<HttpReply> AdminAsync(string from, string node, string method, string path, AdminAuth auth = AdminAuth.Token, string? jsonBody = null, TimeSpan? timeout = null) =>
        HttpAsync(from, method, AdminUrl(node, path), auth, jsonBody, timeout: timeout);

    /// <summary>"Sync now" as the generation host asks for it: <c>POST /api/v1/sync?wait=true</c> from <c>gen</c>.</summary>
    public Task<HttpReply> TriggerSyncAsync(string node) =>
        AdminAsync("gen", node, "POST", "/api/v1/sync?wait=true", timeout: TimeSpan.FromSeconds(120));

    /// <summary>The assignments <paramref name="node"/> holds, or null when it does not answer.</summary>
    public async Task<AssignmentSet?> AssignmentsAsync(string node)
    {
        var reply = await AdminAsync("ops", node, "GET", "/api/v1/assignments", timeout: TimeSpan.FromSeconds(5));
        return reply.Status == 200 ? JsonSerializer.Deserialize(reply.Body, ClusterJsonContext.Default.AssignmentSet) : null;
    }

    /// <summary>The state <paramref name="node"/> reports, or null when it does not answer.</summary>
    public async Task<NodeState?> StateAsync(string node)
    {
        var reply = await AdminAsync("ops", node, "GET", "/api/v1/state", timeout: TimeSpan.FromSeconds(5));
        return reply.Status == 200 ? JsonSerializer.Deserialize(reply.Body, ClusterJsonContext.Default.NodeState) : null;
    }

    /// <summary>Runs a <c>dumpdist</c> command in <paramref name="host"/>'s namespace (admin commands take the token from the cluster file's <c>admin.tokens</c>).</summary>
    public Task<ProcessResult> DumpDistAsync(string host, params string[] arguments) =>
        Network.RunAsync(host, "dotnet", [_options.DumpDistDll, .. arguments], timeout: TimeSpan.FromMinutes(2));

    /// <summary>Downloads <paramref name="url"/> in <c>client</c> with curl to <paramref name="file"/>, resuming what is there (<c>-C -</c>) when <paramref name="resume"/>.</summary>
    public Task<ProcessResult> DownloadAsync(string url, string file, string userAgent, bool resume = false)
    {
        List<string> arguments = ["-sS", "-f", "-A", userAgent, "-o", file];
        if (resume)
        {
            arguments.AddRange(["-C", "-"]);
        }

        arguments.Add(url);
        return Network.RunAsync("client", "curl", arguments, timeout: TimeSpan.FromMinutes(2));
    }

    /// <summary>Starts a download in <c>client</c> that keeps running (curl writing to <paramref name="file"/>).</summary>
    public LabProcess StartDownload(string url, string file, string userAgent) =>
        Network.Start("client", "curl " + url, Path.Combine(Directory, "logs", "download.log"), "curl", ["-sS", "-f", "-A", userAgent, "-o", file, url]);

    /// <summary>
    /// Downloads <paramref name="path"/> through HAProxy from <c>client</c> into <paramref name="file"/>
    /// with the User-Agent <paramref name="userAgent"/> (make it unique) and returns the node whose
    /// access log holds that request; null when the download failed (e.g. 503 while HAProxy has no
    /// server up) or no node logged it within 5 s.
    /// </summary>
    public async Task<string?> ServedByAsync(string path, string file, string userAgent)
    {
        var download = await DownloadAsync(LbUrl(path), file, userAgent);
        if (download.ExitCode != 0)
        {
            return null;
        }

        var quoted = $"\"{userAgent}\"";
        string? server = null;
        await Eventually.TrueAsync(() => (server = Nodes.FirstOrDefault(n => AccessLogLines(n, quoted).Count > 0)) is not null, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10));
        return server;
    }

    /// <summary>Lines of <paramref name="node"/>'s access log that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> AccessLogLines(string node, string text)
    {
        var path = AccessLog(node);
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The tails of every log (nodes, agent, HAProxy, rsyncd) for failure messages.</summary>
    public string Diagnostics()
    {
        var logs = System.IO.Directory.Exists(Path.Combine(Directory, "logs"))
            ? System.IO.Directory.GetFiles(Path.Combine(Directory, "logs")).Order(StringComparer.Ordinal).ToArray()
            : [];
        return string.Join('\n', logs.Select(path =>
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                return $"--- {Path.GetFileName(path)} ---\n{string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(30))}";
            }
            catch (IOException e)
            {
                return $"--- {Path.GetFileName(path)}: {e.Message}";
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await Network.DisposeAsync(); // every process started in it, then the namespaces

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string HeaderFile(AdminAuth auth) => Path.Combine(Directory, "ops", auth == AdminAuth.Token ? "admin.header" : "wrong.header");

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var part in new[] { "gen", "ops", "logs", "lb", Path.Combine("client", "public"), Path.Combine("client", "mnt") }.Concat(Nodes))
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, part));
        }

        var fixture = await ExternalProgram.RunAsync(
            "dotnet",
            [_options.DumpDistDll, "fixture", "--out", SourceTree, "--wikis", Text(_options.FixtureWikis), "--runs", Text(_options.FixtureRuns), "--scale", Text(_options.FixtureScale)],
            timeout: TimeSpan.FromMinutes(30));
        if (fixture.ExitCode != 0)
        {
            throw new InvalidOperationException($"dumpdist fixture exited {fixture.ExitCode}: {fixture.StandardError}");
        }

        FixtureSummary = fixture.StandardOutput.Trim();
        if (_options.BigFileBytes > 0)
        {
            var sums = await DumpRunWriter.WriteAsync(SourceTree, "enwiki", "20261201", [("pages-articles.xml.bz2", _options.BigFileBytes)], cancellationToken);
            (BigFile, BigFileSha256) = sums.Single();
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await WriteSecretAsync(TokenFile, token + "\n");
        await WriteSecretAsync(WrongTokenFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) + "\n");
        await WriteSecretAsync(HeaderFile(AdminAuth.Token), $"Authorization: Bearer {token}\n");
        await WriteSecretAsync(HeaderFile(AdminAuth.WrongToken), $"Authorization: Bearer {(await File.ReadAllTextAsync(WrongTokenFile, cancellationToken)).Trim()}\n");

        foreach (var node in Nodes)
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Root(node), "public"));
            System.IO.Directory.CreateDirectory(StateDir(node));

            // The agent cannot mount here: each server's "mount point" shows that server's tree
            // (docs/nfs.md); its health still comes from the real probe of the real ganesha.
            File.CreateSymbolicLink(Path.Combine(Directory, "client", "mnt", $"dumps-{node}"), Path.Combine(Root(node), "public"));
        }

        await File.WriteAllTextAsync(ClusterFile, ClusterLabFiles.Cluster(this, _options), cancellationToken);
        await File.WriteAllTextAsync(AgentFile, ClusterLabFiles.Agent(this), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Directory, "gen", "rsyncd.conf"), ClusterLabFiles.GenerationRsyncd(this), cancellationToken);
        _options.Log?.Invoke($"lab {Network.Subnet.Cidr} in {Directory}: fixture and files ready after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task StartServicesAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var gen = Address("gen");
        Network.Start("gen", "rsync --daemon", Path.Combine(Directory, "logs", "rsyncd.log"), "rsync",
            ["--daemon", "--no-detach", "--log-file=/dev/stderr", $"--config={Path.Combine(Directory, "gen", "rsyncd.conf")}", "--port=873", $"--address={gen}"]);

        var haproxyConfig = Path.Combine(Directory, "lb", "dumpdist.cfg");
        var render = DumpDistAsync("ops", "lb", "haproxy", "--config", ClusterFile, "--web-bind", $"{Address("lb")}:80", "--out", haproxyConfig);
        await Task.WhenAll(Nodes.Select(n => (Task)StartNodeAsync(n, cancellationToken)).Append(render));
        var rendered = await render;
        if (rendered.ExitCode != 0)
        {
            throw new InvalidOperationException($"dumpdist lb haproxy exited {rendered.ExitCode}: {rendered.StandardError}");
        }

        var haproxy = Network.Start("lb", "haproxy", Path.Combine(Directory, "logs", "haproxy.log"), "haproxy", ["-db", "-f", haproxyConfig]);
        if (!await Eventually.TrueAsync(async () => (await HttpAsync("client", "GET", LbUrl("/"), timeout: TimeSpan.FromSeconds(2))).Status != 0, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)))
        {
            throw new InvalidOperationException($"HAProxy did not answer on {LbUrl("/")}\n{haproxy.LogTail()}");
        }

        var listed = await Eventually.TrueAsync(
            async () => (await Network.RunAsync("ops", "rsync", [$"rsync://{gen}:873/"], timeout: TimeSpan.FromSeconds(10))).ExitCode == 0,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(100));
        if (!listed)
        {
            throw new InvalidOperationException($"the generation host's rsync daemon did not answer on {gen}:873");
        }

        _options.Log?.Invoke($"rsyncd, nodes a and b, HAProxy up after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task WriteSecretAsync(string path, string content)
    {
        await File.WriteAllTextAsync(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(path, content);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
