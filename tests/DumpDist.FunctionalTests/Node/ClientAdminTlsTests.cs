using System.Net;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Node;

/// <summary>
/// `dumpdist client` against a real node whose admin API speaks TLS: the agent asks over https,
/// verifies the node's certificate against the cluster file's <c>admin.ca</c>, and refuses a node
/// whose certificate another CA signed (falling back to the config default).
/// </summary>
public sealed class ClientAdminTlsTests : IAsyncLifetime
{
    private readonly string _dir = TestPaths.NewTempDirectory("client-tls");
    private TwoNodeCluster _cluster = null!;
    private string _otherCa = string.Empty;

    public async Task InitializeAsync()
    {
        var (ca, certificate, key) = TestCertificates.Write(_dir, "good", IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3"));
        _otherCa = TestCertificates.Write(_dir, "other", IPAddress.Parse("127.0.0.2")).Ca;
        _cluster = await TwoNodeCluster.CreateAsync(_dir, $"""
          certificate: {certificate}
          certificate_key: {key}
          ca: {ca}
        """, extraServices: $"""
              nfs-vps:
                active: b
                port: {FreePort.Next()}
                clients: [127.0.0.1]
            """);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ClientOnce_AdminTls_AssignmentOverHttpsVerifiedAgainstCa_OtherCaRefused()
    {
        var c = _cluster;
        await c.StartAsync("a", "--nfs-server", "ganesha");

        // The node's answer (epoch 0, nfs-vps on b) names the same host as the config default; where it came from tells them apart.
        var trusted = await RunClientAsync("trusted", c.ConfigPath);
        var otherConfig = Path.Combine(_dir, "other-ca.yaml");
        var yaml = await File.ReadAllTextAsync(c.ConfigPath);
        var caLine = File.ReadAllLines(c.ConfigPath).First(l => l.TrimStart().StartsWith("ca:", StringComparison.Ordinal)).Trim();
        await File.WriteAllTextAsync(otherConfig, yaml.Replace(caLine, $"ca: {_otherCa}", StringComparison.Ordinal));
        var refused = await RunClientAsync("refused", otherConfig);

        Assert.Contains($"assignment: b from admin API https://127.0.0.2:{c.AdminPort}/api/v1/assignments epoch 0", trusted.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("assignment: b from config default", refused.StandardOutput, StringComparison.Ordinal);
    }

    private async Task<ProcessResult> RunClientAsync(string name, string clusterPath)
    {
        var file = Path.Combine(_dir, $"client-{name}.yaml");
        await File.WriteAllTextAsync(file, $"""
            cluster: {clusterPath}
            service: nfs-vps
            mount: false
            mount_dir: {Path.Combine(_dir, name, "mnt")}
            links:
              - link: {Path.Combine(_dir, name, "public", "dumps")}
            probe_timeout: 1s
            admin_timeout: 10s
            admin_token_file: {_cluster.TokenPath}
            state_file: {Path.Combine(_dir, name, "state.json")}
            """);
        var result = await _cluster.CliAsync("client", "--config", file, "--once");
        Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}");
        return result;
    }
}
