using System.Net.Http.Headers;
using System.Text.Json;
using DumpDist.Core.Cluster;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Node;

/// <summary>
/// Two `dumpdist node` processes on one machine (hosts a on 127.0.0.2 and b on 127.0.0.3, same
/// ports, as docs/configuration.md describes), pulling from a real rsync daemon over a fixture.
/// </summary>
internal sealed class TwoNodeCluster : IAsyncDisposable
{
    public const string Token = "node-test-token";
    private readonly Dictionary<string, NodeProcess> _nodes = [];

    private TwoNodeCluster(string directory, RsyncDaemon source, int adminPort, int webPort, string? adminTls, string rate, string stopTimeout, string extraServices, string assignments)
    {
        ExtraServices = extraServices;
        Assignments = assignments;
        Rate = rate;
        StopTimeout = stopTimeout;
        Directory_ = directory;
        Source = source;
        AdminPort = adminPort;
        WebPort = webPort;
        AdminTls = adminTls;

        // The test's own polling trusts whatever the node presents; the CLI's verification is what TLS tests assert.
        Http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }) { Timeout = TimeSpan.FromMinutes(3) }; // wide: a sync?wait=true pass runs rsync and verification, slow on a loaded 2-core machine
    }

    /// <summary>The cluster file's <c>admin</c> TLS keys (certificate, certificate_key, ca), or null for plain HTTP.</summary>
    public string? AdminTls { get; }

    /// <summary>qos.rate for every download (0 = unlimited).</summary>
    public string Rate { get; }

    /// <summary>More entries under <c>services</c> (YAML indented by two spaces), or empty.</summary>
    public string ExtraServices { get; }

    /// <summary>A top-level <c>assignments</c> section (unindented YAML), or empty for the peers store's defaults.</summary>
    public string Assignments { get; }

    /// <summary>services.web.stop_timeout: how long downloads in flight may go on after SIGTERM.</summary>
    public string StopTimeout { get; }

    public string Directory_ { get; }

    public RsyncDaemon Source { get; }

    public int AdminPort { get; }

    public int WebPort { get; }

    /// <summary>The mirrors' rsync daemon port on each node.</summary>
    public int RsyncPort { get; } = FreePort.Next();

    public HttpClient Http { get; }

    public string ConfigPath => Path.Combine(Directory_, "cluster.yaml");

    public string TokenPath => Path.Combine(Directory_, "admin.token");

    public static async Task<TwoNodeCluster> CreateAsync(string directory, string? adminTls = null, string rate = "0", string stopTimeout = "30s", string extraServices = "", string assignments = "")
    {
        var tree = Path.Combine(directory, "source");
        var fixture = await DumpDistProcess.RunAsync("fixture", "--out", tree, "--wikis", "2", "--runs", "1", "--scale", "200000");
        if (fixture.ExitCode != 0)
        {
            throw new InvalidOperationException("fixture failed: " + fixture.StandardError);
        }

        var source = await RsyncDaemon.StartAsync(tree);
        var cluster = new TwoNodeCluster(directory, source, FreePort.Next(), FreePort.Next(), adminTls, rate, stopTimeout, extraServices, assignments);
        await File.WriteAllTextAsync(cluster.TokenPath, Token + "\n");
        File.SetUnixFileMode(cluster.TokenPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(cluster.ConfigPath, cluster.Yaml());
        return cluster;
    }

    public NodeProcess this[string host] => _nodes[host];

    public static string AddressOf(string host) => host == "a" ? "127.0.0.2" : "127.0.0.3";

    public string Yaml(string webActive = "a") => $"""
        source:
          url: {Source.Url}
          schedule:
            interval: 1h
        datasets:
          - name: xmldatadumps
            path: public
        hosts:
          - name: a
            public_address: 127.0.0.2
            listen_address: 127.0.0.2
            admin_address: 127.0.0.2:{AdminPort}
            root: {Path.Combine(Directory_, "a", "root")}
            state_dir: {Path.Combine(Directory_, "a", "state")}
          - name: b
            public_address: 127.0.0.3
            listen_address: 127.0.0.3
            admin_address: 127.0.0.3:{AdminPort}
            root: {Path.Combine(Directory_, "b", "root")}
            state_dir: {Path.Combine(Directory_, "b", "state")}
        services:
          web:
            active: {webActive}
            listen: http://0.0.0.0:{WebPort}
            drain_deadline: 30s
            stop_timeout: {StopTimeout}
          rsync:
            active: b
            port: {RsyncPort}
        {ExtraServices}
        admin:
          tokens:
            - name: ops
              file: {TokenPath}
        {AdminTls ?? string.Empty}
        {Assignments}
        qos:
          conn_limit: 0
          rate: {Rate}
          rate_after: 0
        """;

    /// <summary>When set, nodes start as children of this service manager stand-in (<see cref="NodeProcess.ServiceManager"/>).</summary>
    public string? ServiceManager { get; set; }

    public async Task<NodeProcess> StartAsync(string host, params string[] extra)
    {
        var node = NodeProcess.StartUnder(ServiceManager, ConfigPath, host, extra);
        _nodes[host] = node;
        var up = await Eventually.TrueAsync(async () => node.HasExited || await HealthAsync(host, "web") != 0, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        if (!up || node.HasExited)
        {
            throw new InvalidOperationException($"node {host} did not come up:\n{node.Output}");
        }

        return node;
    }

    public Uri Admin(string host, string path) => new($"{(AdminTls is null ? "http" : "https")}://{AddressOf(host)}:{AdminPort}/{path}");

    public Uri Web(string host, string path) => new($"http://{AddressOf(host)}:{WebPort}/{path}");

    /// <summary>The status of /healthz/SERVICE on a host, 0 when it does not answer.</summary>
    public async Task<int> HealthAsync(string host, string service)
    {
        try
        {
            using var response = await Http.GetAsync(Admin(host, $"healthz/{service}"));
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    public async Task<HttpResponseMessage> CallAsync(HttpMethod method, string host, string path, string? token = Token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, Admin(host, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    public async Task<AssignmentSet> AssignmentsAsync(string host)
    {
        using var response = await CallAsync(HttpMethod.Get, host, "api/v1/assignments");
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), ClusterJsonContext.Default.AssignmentSet)!;
    }

    /// <summary>Runs a `dumpdist` cluster command with the token file in the environment.</summary>
    public Task<ProcessResult> CliAsync(params string[] arguments) =>
        ExternalProgram.RunAsync("dotnet", new[] { DumpDistProcess.DllPath }.Concat(arguments), timeout: TimeSpan.FromMinutes(2));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }

        Http.Dispose();
        await Source.DisposeAsync();
    }
}
