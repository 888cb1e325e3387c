using DumpDist.Cli.Commands;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

/// <summary>`dumpdist lb haproxy` as an operator runs it: exit codes, where the output goes, and what a bad input prints.</summary>
public sealed class LbCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("lb-cli");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task LbHaproxy_ExampleClusterFile_ExitsZeroWithAValidConfigOnStdout()
    {
        var result = await DumpDistProcess.RunAsync("lb", "haproxy", "--config", RepositoryPaths.File("docs", "cluster.example.yaml"));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# HAProxy 2.6 configuration for the dumpdist cluster in cluster.example.yaml.\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("    server dumps2 [2001:db8::20]:443 check addr 192.0.2.20 port 9100 check-ssl verify required ca-file /etc/dumpdist/admin-ca.crt send-proxy-v2\n", result.StandardOutput, StringComparison.Ordinal);

        // The example has an active mirror and no services.rsync.proxy_protocol: the one warning, on stderr.
        var warning = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dumpdist lb haproxy: warning: the rsync daemons will see every mirror as the load balancer's address", warning, StringComparison.Ordinal);
        // The example's admin CA lives on the balancer host; haproxy -c reads it, so point it at a real one.
        var ca = Node.TestCertificates.Write(_dir, "lb", System.Net.IPAddress.Loopback).Ca;
        var path = Path.Combine(_dir, "stdout.cfg");
        await File.WriteAllTextAsync(path, result.StandardOutput.Replace("/etc/dumpdist/admin-ca.crt", ca, StringComparison.Ordinal));
        var check = await ExternalProgram.RunAsync("haproxy", ["-c", "-f", path]);
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);
    }

    [Fact]
    public async Task LbHaproxy_BadClusterFile_ExitsTwoWithFileLineColumn()
    {
        var path = WriteCluster("    public_address: 203.0.113.300");

        var result = await DumpDistProcess.RunAsync("lb", "haproxy", "--config", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(path)}:9:21: error: hosts\[0\]\.public_address: ", result.StandardError);
        Assert.Contains($"{path}: 1 error", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HaproxyAsync_OutGiven_WritesTheFileAndNothingToStdout()
    {
        var cluster = WriteCluster(null);
        var target = Path.Combine(_dir, "haproxy", "dumpdist.cfg");
        await File.WriteAllTextAsync(Path.Combine(_dir, "previous.cfg"), "old\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await LbCommand.HaproxyAsync(cluster, "127.0.0.1:8080", null, "127.0.0.1:8873", rsyncSendProxy: false, target, stdout, stderr, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Equal(string.Empty, stderr.ToString());
        var written = await File.ReadAllTextAsync(target);
        Assert.Contains("    bind 127.0.0.1:8080\n", written, StringComparison.Ordinal);
        Assert.Contains("    bind 127.0.0.1:8873\n", written, StringComparison.Ordinal);
        Assert.Equal(["dumpdist.cfg"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task HaproxyAsync_SendProxyWithoutTheClusterKey_ExitsTwoNamingTheKeyAndWritesNothing()
    {
        var cluster = WriteCluster(null);
        var target = Path.Combine(_dir, "proxied", "dumpdist.cfg");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await LbCommand.HaproxyAsync(cluster, null, null, null, rsyncSendProxy: true, target, stdout, stderr, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.StartsWith("dumpdist lb haproxy: --rsync-send-proxy: set services.rsync.proxy_protocol: true in the cluster file instead", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Theory]
    [InlineData("--web-bind", "80", "dumpdist lb haproxy: --web-bind: '80' has no port; expected ADDR:PORT, :PORT or [IPV6]:PORT")]
    [InlineData("--rsync-bind", "lb.example.org:873", "dumpdist lb haproxy: --rsync-bind: 'lb.example.org:873' has a bad address 'lb.example.org'; expected an IPv4 address, an IPv6 address in brackets, or nothing (every IPv4 address)")]
    [InlineData("--https-bind", ":443", "dumpdist lb haproxy: an HTTPS bind (:443) was given but services.web.https_listen is not set, so there is no HTTPS frontend")]
    [InlineData("--rsync-bind", ":80", "dumpdist lb haproxy: the web and rsync frontends would share a socket (:80 and :80)")]
    public async Task HaproxyAsync_BadBind_ExitsTwoNamingIt(string option, string value, string expected)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await LbCommand.HaproxyAsync(
            WriteCluster(null),
            option == "--web-bind" ? value : null,
            option == "--https-bind" ? value : null,
            option == "--rsync-bind" ? value : null,
            rsyncSendProxy: false,
            outPath: null,
            stdout,
            stderr,
            CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Equal([expected], stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task HaproxyAsync_BadFileAndBadBind_ReportsBoth()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var path = WriteCluster("    public_address: 203.0.113.300");

        var exit = await LbCommand.HaproxyAsync(path, "80", null, null, rsyncSendProxy: false, outPath: null, stdout, stderr, CancellationToken.None);

        Assert.Equal(2, exit);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{path}:9:21: error: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("dumpdist lb haproxy: --web-bind: '80' has no port", lines[2], StringComparison.Ordinal);
    }

    /// <summary>A two-host cluster file; line 9 (dumps1's public_address) replaced when <paramref name="line9"/> is given.</summary>
    private string WriteCluster(string? line9)
    {
        string[] lines =
        [
            "source:",                                 // 1
            "  url: rsync://gen.example.org/dumps/",   // 2
            "datasets:",                               // 3
            "  - name: xmldatadumps",                  // 4
            "    path: public",                        // 5
            "hosts:",                                  // 6
            "  - name: dumps1",                        // 7
            "    root: /srv/dumps",                    // 8
            "    public_address: 203.0.113.10",        // 9
            "    admin_address: 192.0.2.10:9100",      // 10
            "  - name: dumps2",                        // 11
            "    root: /srv/dumps",                    // 12
            "    public_address: 203.0.113.20",        // 13
            "    admin_address: 192.0.2.20:9100",      // 14
            "services:",                               // 15
            "  web: { active: dumps1 }",               // 16
            "  rsync: { active: dumps2 }",             // 17
            "  nfs-vps: { active: dumps1 }",           // 18
            "  nfs-analytics: { active: dumps1 }",     // 19
            "qos: { trusted_proxies: [192.0.2.1] }",   // 20
        ];
        if (line9 is not null)
        {
            lines[8] = line9;
        }

        var path = Path.Combine(_dir, $"cluster-{Guid.NewGuid():N}.yaml");
        File.WriteAllLines(path, lines);
        return path;
    }
}
