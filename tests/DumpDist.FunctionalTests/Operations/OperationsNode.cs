using System.Net.Http.Headers;
using DumpDist.FunctionalTests.Node;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Operations;

/// <summary>
/// One real `dumpdist node` with every service it can run here (web, rsync for mirrors, NFS through
/// ganesha, sync from a real rsync daemon over a fixture, retention), synced once: what an
/// operator's Prometheus scrapes and what a person opens. Shared by the classes of <see cref="OperationsNodeCollection"/>.
/// </summary>
public sealed class OperationsNode : IAsyncLifetime
{
    public const string Token = "operations-test-token";
    private readonly string _directory = TestPaths.NewTempDirectory("operations-node");
    private RsyncDaemon? _source;
    private NodeProcess? _node;

    public const string Address = "127.0.0.2";

    public int AdminPort { get; } = FreePort.Next();

    public int WebPort { get; } = FreePort.Next();

    // A sync pass with wait=true takes minutes on a loaded machine.
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(3) };

    public Uri Web(string path) => new($"http://{Address}:{WebPort}/{path}");

    public Uri Admin(string path) => new($"http://{Address}:{AdminPort}/{path}");

    public string Output => _node?.Output ?? string.Empty;

    /// <summary>The directory the web serves at /.</summary>
    public string PublicDirectory => Path.Combine(_directory, "a", "root", "public");

    public async Task InitializeAsync()
    {
        var tree = Path.Combine(_directory, "source");
        var fixture = await DumpDistProcess.RunAsync("fixture", "--out", tree, "--wikis", "2", "--runs", "1", "--scale", "200000");
        if (fixture.ExitCode != 0)
        {
            throw new InvalidOperationException("fixture failed: " + fixture.StandardError);
        }

        _source = await RsyncDaemon.StartAsync(tree);
        var token = Path.Combine(_directory, "admin.token");
        await File.WriteAllTextAsync(token, Token + "\n");
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = Path.Combine(_directory, "cluster.yaml");
        await File.WriteAllTextAsync(config, $"""
            source:
              url: {_source.Url}
              schedule:
                interval: 1h
            datasets:
              - name: xmldatadumps
                path: public
            hosts:
              - name: a
                public_address: {Address}
                listen_address: {Address}
                admin_address: {Address}:{AdminPort}
                root: {Path.Combine(_directory, "a", "root")}
                state_dir: {Path.Combine(_directory, "a", "state")}
            services:
              web:
                active: a
                listen: http://0.0.0.0:{WebPort}
              rsync:
                active: a
                port: {FreePort.Next()}
              nfs-vps:
                active: a
                port: {FreePort.Next()}
                clients: [127.0.0.0/8]
            mirrors:
              - name: loopback-mirror
                url: http://127.0.0.9:9/
                hostname: mirror.invalid
                ipv4: [127.0.0.9/32]
            admin:
              tokens:
                - name: ops
                  file: {token}
            qos:
              conn_limit: 0
              rate: 0
              rate_after: 0
            """);
        _node = NodeProcess.Start(config, "a", "--nfs-server", "ganesha");
        var up = await Eventually.TrueAsync(async () => _node.HasExited || await AnswersAsync(), TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200));
        if (!up || _node.HasExited)
        {
            throw new InvalidOperationException("node did not come up:\n" + _node.Output);
        }

        using var sync = await CallAsync(HttpMethod.Post, "api/v1/sync?wait=true");
        if (!sync.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sync failed ({(int)sync.StatusCode}): {await sync.Content.ReadAsStringAsync()}\n{_node.Output}");
        }
    }

    public async Task<HttpResponseMessage> CallAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, Admin(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await Http.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_source is not null)
        {
            await _source.DisposeAsync();
        }

        Http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var response = await Http.GetAsync(Admin("healthz/web"));
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
