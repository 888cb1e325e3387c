using DumpDist.Nfs.ClientAgent;
using DumpDist.TestSupport;

namespace DumpDist.Nfs.Tests.ClientAgent;

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
        Assert.Equal(["http://192.0.2.10:9100/", "http://192.0.2.20:9100/"], options.AdminEndpoints.Select(u => u.ToString()));
        Assert.Equal([new LinkSpec("/public/dumps"), new LinkSpec("/public/other", "other")], options.Links);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Hysteresis);
        Assert.Equal(TimeSpan.FromSeconds(45), options.Interval);
        Assert.Equal("/var/lib/dumpdist/client-nfs-analytics.json", options.StateFile);
        Assert.True(options.Mount);
    }

    [Theory]
    [InlineData("service: nfs-vps\nlinks: [{link: /public/dumps}]\n", "'cluster' is required")]
    [InlineData("cluster: cluster.yaml\nservice: web\nlinks: [{link: /public/dumps}]\n", ":2:10: error: 'service' must be nfs-vps or nfs-analytics")]
    [InlineData("cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: public/dumps}]\n", "'link' must be an absolute path")]
    [InlineData("cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p, target: ../x}]\n", "'target' must be a path inside the mount")]
    [InlineData("cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\ncanary: /etc\n", "'canary' must be a path inside the mount")]
    [InlineData("cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\nmount: maybe\n", "'mount' must be true or false")]
    [InlineData("cluster: cluster.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\nstat_timeout: 0s\n", "'stat_timeout': '0s' is not a duration")]
    [InlineData("cluster: missing.yaml\nservice: nfs-vps\nlinks: [{link: /p}]\n", "'cluster':")]
    [InlineData("cluster: [a\n", "error:")]
    public void Load_BadFile_ErrorSaysWhatAndWhere(string yaml, string expected)
    {
        var file = Write(yaml);

        var result = ClientConfigLoader.Load(file);

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal) && e.StartsWith(file + ":", StringComparison.Ordinal));
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
