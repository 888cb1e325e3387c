using System.Net;
using DumpDist.Core.Configuration.Source;
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
    public async Task WebHostedService_ConfigFileChanged_NewBlockListAppliesWithoutRestart_BadFileKeepsOld()
    {
        _tree.AddText("public/enwiki/x.txt", "x");
        var path = Path.Combine(_configDir, "cluster.yaml");
        await File.WriteAllTextAsync(path, ExampleConfig(blockPattern: "(?i)^badbot/", port: 0));
        var (source, web) = Start(path);
        await web.StartAsync(CancellationToken.None);
        await using var _ = web;
        var url = new Uri(web.Server!.Address(), "enwiki/x.txt").ToString();

        var before = await Curl.GetAsync(url, "-A", "curl/8");
        await File.WriteAllTextAsync(path, ExampleConfig(blockPattern: "^curl/", port: 0));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        var applied = source.ReloadIfChanged();
        var after = await Curl.GetAsync(url, "-A", "curl/8");
        await File.WriteAllTextAsync(path, "qos: [broken");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(10));
        var appliedBroken = source.ReloadIfChanged();
        var stillBlocked = await Curl.GetAsync(url, "-A", "curl/8");

        Assert.Equal(200, before.Status);
        Assert.True(applied);
        Assert.Equal(403, after.Status);
        Assert.False(appliedBroken);
        Assert.Equal(403, stillBlocked.Status);
        Assert.Equal(3, web.Parts.Qos.Current.ConnLimit);
        Assert.Equal(5L * 1024 * 1024, web.Parts.Qos.Current.Rate);
    }

    [Fact]
    public async Task WebHostedService_ListenPortChanged_NewPortServesAndDownloadInFlightFinishes()
    {
        var body = _tree.AddFile("public/enwiki/big.bin", 3 * 1024 * 1024);
        var path = Path.Combine(_configDir, "cluster.yaml");
        var oldPort = FreePort.Next();
        await File.WriteAllTextAsync(path, ExampleConfig(blockPattern: "(?i)^badbot/", port: oldPort, rate: "1MiB"));
        var (source, web) = Start(path);
        await web.StartAsync(CancellationToken.None);
        await using var _ = web;
        using var http = new HttpClient();

        // About three seconds at 1 MiB/s after the first MiB: still running when the listeners move.
        using var response = await http.GetAsync($"http://127.0.0.1:{oldPort}/enwiki/big.bin", HttpCompletionOption.ResponseHeadersRead);
        var download = response.Content.ReadAsByteArrayAsync();
        var newPort = FreePort.Next();
        await File.WriteAllTextAsync(path, ExampleConfig(blockPattern: "(?i)^badbot/", port: newPort, rate: "1MiB"));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.True(source.ReloadIfChanged());
        Assert.True(await Eventually.TrueAsync(() => web.Server!.Addresses.Any(a => a.Port == newPort), TimeSpan.FromSeconds(20)));
        var fresh = await http.GetAsync($"http://127.0.0.1:{newPort}/enwiki/");
        var received = await download;

        Assert.False(download.IsFaulted);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(body, received);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{oldPort}/enwiki/"));
    }

    private (ClusterConfigSource Source, WebHostedService Web) Start(string path)
    {
        var source = ClusterConfigSource.Open(path, NullLogger.Instance, out var errors) ?? throw new InvalidOperationException(string.Join("\n", errors));
        var web = new WebHostedService(
            new ClusterWebOptionsSource(source, new WebHostOptions { HostName = "dumps1", ReusePort = true }),
            digests: null,
            statusPage: null,
            NullLoggerFactory.Instance,
            TimeProvider.System);
        return (source, web);
    }

    private string ExampleConfig(string blockPattern, int port, string rate = "5MiB")
    {
        var text = File.ReadAllText(RepositoryPaths.File("docs", "cluster.example.yaml"));
        var lines = text.Split('\n')
            // Drop the web's HTTPS (its certificate files do not exist here), not the admin section's TLS keys.
            .Where(l => !l.Contains("https_listen:", StringComparison.Ordinal) && !l.StartsWith("    certificate", StringComparison.Ordinal))
            .Select(l => l.Replace("root: /srv/dumps", "root: " + _tree.Root, StringComparison.Ordinal)
                          .Replace("listen: http://0.0.0.0:80", $"listen: http://127.0.0.1:{port}", StringComparison.Ordinal)
                          .Replace("allow_cidrs: [198.51.100.0/24]", "allow_cidrs: []", StringComparison.Ordinal)
                          .Replace("rate: 5MiB ", $"rate: {rate} ", StringComparison.Ordinal)
                          .Replace("\"(?i)^badbot/\"", "\"" + blockPattern + "\"", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }
}
