using System.Runtime.Versioning;
using DumpDist.Nfs.ClientAgent;
using DumpDist.TestSupport;

namespace DumpDist.Nfs.Tests.ClientAgent;

[UnsupportedOSPlatform("windows")]
public sealed class ClientConfigLoaderTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("client-config");

    public ClientConfigLoaderTests()
    {
        File.Copy(ExampleCluster(), Path.Combine(_dir, "cluster.yaml"));
    }

    [Fact]
    public void Load_ValidFile_MapsClusterHostsToServers()
    {
        var file = Write("""
            cluster: cluster.yaml
            service: nfs-analytics
            mount_dir: /mnt/nfs
            links:
              - link: /public/dumps
              - link: /public/other
                target: other
            canary: enwiki
            hysteresis: 15m
            interval: 45s
            """);

        var result = ClientConfigLoader.Load(file);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var options = result.Options;
        Assert.Equal("nfs-analytics", options.Service);
        Assert.Equal("dumps1", options.DefaultActive);
        Assert.Equal(
            ["dumps1 203.0.113.10:2049 /mnt/nfs/dumps-dumps1", "dumps2 [2001:db8::20]:2049 /mnt/nfs/dumps-dumps2"],
            options.Servers.Select(s => $"{s.Name} {s.Endpoint} {s.MountPoint}"));
        // The example's admin section has a certificate: the agent asks over https and trusts its CA.
        Assert.Equal(["https://192.0.2.10:9100/", "https://192.0.2.20:9100/"], options.AdminEndpoints.Select(u => u.ToString()));
        Assert.Equal("/etc/dumpdist/admin-ca.crt", options.AdminCertificateAuthority);
        Assert.Equal([new LinkSpec("/public/dumps"), new LinkSpec("/public/other", "other")], options.Links);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Hysteresis);
        Assert.Equal(TimeSpan.FromSeconds(45), options.Interval);
        Assert.Equal("/var/lib/dumpdist/client-nfs-analytics.json", options.StateFile);
        Assert.True(options.Mount);
    }

    /// <summary>The client file, the error expected at line:column (0:0 for the whole file), and its message.</summary>
    public static TheoryData<string, int, int, string> BadFiles => new()
    {
        { "service: nfs-vps\nlinks: [{link: /public/dumps}]\n", 1, 1, "missing required key 'cluster' at the top level" },
        { "cluster: cluster.yaml\nservice: web\nlinks: [{link: /public/dumps}]\n", 2, 10, "service: expected one of nfs-vps, nfs-analytics, got 'web'" },
        { "cluster: cluster.yaml\nservice: nfs-vsp\nlinks: [{link: /p}]\n", 2, 10, "service: expected one of nfs-vps, nfs-analytics, got 'nfs-vsp'; did you mean 'nfs-vps'?" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: public/dumps}]\n", 3, 16, "links[0].link: expected an absolute path, got 'public/dumps'" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{target: x}]\n", 3, 9, "missing required key 'link' in 'links[0]'" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p, target: ../x}]\n", 3, 28, "links[0].target: expected a path inside the mount (no leading '/', no '..'), got '../x'" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p, taget: x}]\n", 3, 20, "unknown key 'taget' in 'links[0]'; did you mean 'target'?" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: []\n", 3, 8, "links: at least one link is required" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: /public/dumps\n", 3, 8, "links: expected a list, got '/public/dumps'" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\ncanary: /etc\n", 4, 9, "canary: expected a path inside the mount (no leading '/', no '..'), got '/etc'" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\nmount: maybe\n", 4, 8, "mount: expected true or false, got 'maybe'" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\nstat_timeout: 0s\n", 4, 15, "stat_timeout: must be longer than 0s" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\nhysteresis: soon\n", 4, 13, "hysteresis: expected a duration such as 600, 600s, 10m, 8h or 30d, got 'soon'" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\nstate_file: state.json\n", 4, 13, "state_file: expected an absolute path, got 'state.json'" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\nintervall: 30s\n", 4, 1, "unknown key 'intervall' at the top level; did you mean 'interval'?" },
        { "cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\nadmin_token_file: /nonexistent/admin.token\n", 4, 19, "admin_token_file: cannot read admin token file /nonexistent/admin.token: no such file" },
        { "cluster: missing.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\n", 1, 10, "has 1 error" },
        { "cluster: [a\n", 2, 1, "malformed YAML: While parsing a flow sequence" },
        { "- cluster\n", 1, 1, "expected a mapping of keys (cluster, service" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Load_BadFile_ErrorSaysWhatAndWhere(string yaml, int line, int column, string expected)
    {
        var file = Write(yaml);

        var result = ClientConfigLoader.Load(file);

        Assert.False(result.Success);
        Assert.Null(result.Options);
        Assert.True(
            result.Errors.Any(e => e.StartsWith($"{file}:{line}:{column}: error: ", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal)),
            $"expected {line}:{column} '{expected}', got:\n{string.Join('\n', result.Errors)}");
    }

    [Fact]
    public void Load_ServiceNotInClusterFile_PositionedErrorNamesTheConfiguredOnes()
    {
        var cluster = File.ReadAllText(Path.Combine(_dir, "cluster.yaml"));
        var start = cluster.IndexOf("  nfs-analytics:", StringComparison.Ordinal);
        var end = cluster.IndexOf("\n\n", start, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_dir, "cluster.yaml"), cluster.Remove(start, end - start));
        var file = Write("cluster: cluster.yaml\nservice: nfs-analytics\nlinks: [{link: /p}]\n");

        var result = ClientConfigLoader.Load(file);

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal(
            $"{file}:2:10: error: service: 'nfs-analytics' is not configured in {Path.Combine(_dir, "cluster.yaml")} (it configures web, rsync, nfs-vps)",
            error);
    }

    [Fact]
    public void Load_SeveralErrors_EveryOneInFileOrder()
    {
        var file = Write("cluster: cluster.yaml\nservice: nfs-web\nlinks: []\nhysteresis: soon\nbogus: 1\n");

        var result = ClientConfigLoader.Load(file);

        Assert.Equal(["2:10", "3:8", "4:13", "5:1"], result.Errors.Select(e => string.Join(':', e[(file.Length + 1)..].Split(':').Take(2))));
    }

    [Fact]
    public void Load_AdminTokenFile_ReadsOwnerOnlyFileRefusesOpenOne()
    {
        var token = Path.Combine(_dir, "admin.token");
        File.WriteAllText(token, "s3cr3t\n");
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var file = Write($"cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{{link: /p}}]\nadmin_token_file: {token}\n");

        var good = ClientConfigLoader.Load(file);
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var open = ClientConfigLoader.Load(file);

        Assert.True(good.Success, string.Join('\n', good.Errors));
        Assert.Equal("s3cr3t", good.Options.AdminToken);
        Assert.Equal($"{file}:4:19: error: admin_token_file: admin token file {token} has mode 0644, which gives group or others access; run chmod 600 {token}", Assert.Single(open.Errors));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "client.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string ExampleCluster([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "docs", "cluster.example.yaml"));
}
