using DumpDist.Core.Configuration;
using DumpDist.TestSupport;
using DumpDist.Web.Configuration;
using DumpDist.Web.Hosting;
using DumpDist.Web.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Web.Tests;

public sealed class ConfigReloadTests : IDisposable
{
    private readonly TestTree _tree = new();
    private readonly string _configDir = TestPaths.NewTempDirectory("webcfg");

    public void Dispose()
    {
        _tree.Dispose();
        Directory.Delete(_configDir, recursive: true);
    }

    [Fact]
    public async Task QosReloader_ConfigFileChanged_NewBlockListAppliesWithoutRestart_BadFileKeepsOld()
    {
        _tree.AddText("public/enwiki/x.txt", "x");
        var path = Path.Combine(_configDir, "cluster.yaml");
        await File.WriteAllTextAsync(path, ExampleConfig(blockPattern: "(?i)^badbot/"));
        var loaded = ClusterConfigLoader.Load(path);
        Assert.True(loaded.Success, string.Join("\n", loaded.Errors));
        var options = WebServerOptionsFactory.Create(loaded.Config!, loaded.Config!.FindHost("dumps1")!);
        options.Qos = options.Qos with { AllowCidrs = [] };
        await using var server = await WebServer.StartAsync(options);
        var url = new Uri(server.Address(), "enwiki/x.txt").ToString();
        var reloader = new QosReloader(path, server.Qos, TimeProvider.System, NullLogger.Instance);

        var before = await Curl.GetAsync(url, "-A", "curl/8");
        await File.WriteAllTextAsync(path, ExampleConfig(blockPattern: "^curl/"));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        var applied = reloader.CheckOnce();
        var after = await Curl.GetAsync(url, "-A", "curl/8");
        await File.WriteAllTextAsync(path, "qos: [broken");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(10));
        var appliedBroken = reloader.CheckOnce();
        var stillBlocked = await Curl.GetAsync(url, "-A", "curl/8");

        Assert.Equal(200, before.Status);
        Assert.True(applied);
        Assert.Equal(403, after.Status);
        Assert.False(appliedBroken);
        Assert.Equal(403, stillBlocked.Status);
        Assert.Equal(3, server.Qos.Current.ConnLimit);
        Assert.Equal(5L * 1024 * 1024, server.Qos.Current.Rate);
    }

    private string ExampleConfig(string blockPattern)
    {
        var text = File.ReadAllText(RepositoryPaths.File("docs", "cluster.example.yaml"));
        var lines = text.Split('\n')
            .Where(l => !l.Contains("https_listen:", StringComparison.Ordinal) && !l.Contains("certificate", StringComparison.Ordinal))
            .Select(l => l.Replace("root: /srv/dumps", "root: " + _tree.Root, StringComparison.Ordinal)
                          .Replace("listen: http://0.0.0.0:80", "listen: http://127.0.0.1:0", StringComparison.Ordinal)
                          .Replace("\"(?i)^badbot/\"", "\"" + blockPattern + "\"", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }
}
