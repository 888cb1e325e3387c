using System.Net;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Node;

/// <summary>The admin listener with a certificate: the CLI and peers verify it against the configured CA and refuse another.</summary>
public sealed class NodeAdminTlsTests : IAsyncLifetime
{
    private readonly string _dir = TestPaths.NewTempDirectory("node-tls");
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
        """);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task AdminApi_WithCertificate_SpeaksTlsCliVerifiesAgainstCaAndRefusesAnother_OlderTreeGuard()
    {
        await _cluster.StartAsync("a");
        await _cluster.StartAsync("b");

        // Only a has synced: b holds an older tree than the active host, so the guard refuses it.
        using (var sync = await _cluster.CallAsync(HttpMethod.Post, "a", "api/v1/sync?wait=true"))
        {
            Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        }

        var older = await _cluster.CliAsync("failover", "--config", _cluster.ConfigPath, "--service", "web", "--to", "b");
        using (var sync = await _cluster.CallAsync(HttpMethod.Post, "b", "api/v1/sync?wait=true"))
        {
            Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        }

        var failover = await _cluster.CliAsync("failover", "--config", _cluster.ConfigPath, "--service", "web", "--to", "b");
        var plain = await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var http = new HttpClient();
                await http.GetAsync($"http://127.0.0.2:{_cluster.AdminPort}/healthz/web");
                return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(5));
        var config = await File.ReadAllTextAsync(_cluster.ConfigPath);
        var otherConfig = Path.Combine(_dir, "other-ca.yaml");
        await File.WriteAllTextAsync(otherConfig, config.Replace(File.ReadAllLines(_cluster.ConfigPath).First(l => l.TrimStart().StartsWith("ca:", StringComparison.Ordinal)).Trim(), $"ca: {_otherCa}", StringComparison.Ordinal));
        var refused = await _cluster.CliAsync("status", "--config", otherConfig);

        Assert.Equal(1, older.ExitCode);
        Assert.Contains("b holds an older tree of xmldatadumps than a", older.StandardError, StringComparison.Ordinal);
        Assert.True(failover.ExitCode == 0, failover.StandardError + failover.StandardOutput);
        Assert.Equal("b", (await _cluster.AssignmentsAsync("a")).HostOf("web"));
        Assert.True(plain, "the admin listener answered plain HTTP");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("a: UNREACHABLE", refused.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _cluster.CallAsync(HttpMethod.Get, "b", "api/v1/state")).StatusCode);
    }
}
