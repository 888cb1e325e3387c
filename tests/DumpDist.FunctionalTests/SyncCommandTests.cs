using System.Security.Cryptography;
using System.Text.Json;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

/// <summary>`dumpdist sync` and `dumpdist verify` as processes, against a real rsync daemon on 127.0.0.1.</summary>
public sealed class SyncCommandTests : IAsyncLifetime
{
    private readonly string _directory = TestPaths.NewTempDirectory("sync-cli");
    private RsyncDaemon _daemon = null!;

    private string Source => Path.Combine(_directory, "source");

    private string Dest => Path.Combine(_directory, "dest");

    private string State => Path.Combine(_directory, "state");

    public async Task InitializeAsync()
    {
        var run = Path.Combine(Source, "public", "enwiki", "20261101");
        Directory.CreateDirectory(run);
        var data = RandomNumberGenerator.GetBytes(50_000);
        await File.WriteAllBytesAsync(Path.Combine(run, "enwiki-20261101-pages.xml.bz2"), data);
        await File.WriteAllTextAsync(Path.Combine(run, "enwiki-20261101-sha1sums.txt"), $"{Convert.ToHexStringLower(SHA1.HashData(data))}  enwiki-20261101-pages.xml.bz2\n");
        await File.WriteAllTextAsync(Path.Combine(run, "dumpstatus.json"), "{\"jobs\": {\"articles\": {\"status\": \"done\", \"files\": {\"enwiki-20261101-pages.xml.bz2\": {\"size\": 50000}}}}, \"version\": \"0.8\"}");
        await File.WriteAllBytesAsync(Path.Combine(run, "enwiki-20261101-history.xml.bz2.inprog"), new byte[100]);
        _daemon = await RsyncDaemon.StartAsync(Source);
    }

    [Fact]
    public async Task Sync_OneOffFromDaemon_CopiesWritesTraceExitsZero()
    {
        var result = await DumpDistProcess.RunAsync("sync", "--source", _daemon.Url, "--dest", Dest, "--once", "--state-dir", State);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sync default: ok", result.StandardOutput);
        Assert.True(File.Exists(Path.Combine(Dest, "public/enwiki/20261101/enwiki-20261101-pages.xml.bz2")));
        Assert.True(File.Exists(Path.Combine(Dest, "public/enwiki/20261101/dumpstatus.json")));
        Assert.False(File.Exists(Path.Combine(Dest, "public/enwiki/20261101/enwiki-20261101-history.xml.bz2.inprog")));
        using var trace = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Dest, "trace", Environment.MachineName + ".json")));
        Assert.Equal(_daemon.Url, trace.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Sync_DryRun_PrintsChangesChangesNothingExitsZero()
    {
        var result = await DumpDistProcess.RunAsync("sync", "--source", _daemon.Url, "--dest", Dest, "--dry-run", "--state-dir", State);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(">f+++++++++ public/enwiki/20261101/enwiki-20261101-pages.xml.bz2", result.StandardOutput);
        Assert.False(File.Exists(Path.Combine(Dest, "public/enwiki/20261101/enwiki-20261101-pages.xml.bz2")));
    }

    [Fact]
    public async Task Sync_EmptySource_ExitsOneSayingWhy()
    {
        var empty = Path.Combine(_directory, "empty");
        Directory.CreateDirectory(empty);

        var result = await DumpDistProcess.RunAsync("sync", "--source", empty, "--dest", Dest, "--once", "--state-dir", State);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("refused", result.StandardError);
        Assert.Contains("no publishable files", result.StandardError);
    }

    [Theory]
    [InlineData("sync", "--once")]
    [InlineData("sync", "--source", "rsync://127.0.0.1/m/", "--once")]
    [InlineData("sync", "--config", "x.yaml", "--source", "/tmp", "--dest", "/tmp/d")]
    [InlineData("sync", "--source", "host::module", "--dest", "/tmp/d", "--once")]
    [InlineData("sync", "--source", "/tmp", "--dest", "/tmp/d", "--bwlimit", "fast")]
    public async Task Sync_BadUsage_ExitsTwo(params string[] arguments)
    {
        var result = await DumpDistProcess.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dumpdist sync:", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public async Task Sync_ConfigForm_SyncsEachDatasetOfHost()
    {
        var root = Path.Combine(_directory, "root");
        var config = Path.Combine(_directory, "cluster.yaml");
        await File.WriteAllTextAsync(config, $"""
            source:
              url: {_daemon.Url}
              bwlimit: 0
            datasets:
              - name: xmldatadumps
                path: public
            hosts:
              - name: dumps1
                public_address: 127.0.0.1
                admin_address: 127.0.0.1:9100
                root: {root}
                state_dir: {State}
            services:
              web: {"{"} active: dumps1 {"}"}
              rsync: {"{"} active: dumps1 {"}"}
              nfs-vps: {"{"} active: dumps1, clients: [10.0.0.0/8] {"}"}
              nfs-analytics: {"{"} active: dumps1, clients: [10.0.0.0/8] {"}"}

            """);

        var unknown = await DumpDistProcess.RunAsync("sync", "--config", config, "--host", "nope", "--once");
        var result = await DumpDistProcess.RunAsync("sync", "--config", config, "--host", "dumps1", "--once");

        Assert.True(unknown.ExitCode == 2, unknown.StandardError);
        Assert.Contains("no such host", unknown.StandardError);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.True(File.Exists(Path.Combine(root, "public/enwiki/20261101/enwiki-20261101-pages.xml.bz2")));
        Assert.True(File.Exists(Path.Combine(root, "trace/dumps1.json")));
    }

    [Fact]
    public async Task Verify_CorruptCopy_ExitsOneJsonNamesFile()
    {
        Assert.Equal(0, (await DumpDistProcess.RunAsync("sync", "--source", _daemon.Url, "--dest", Dest, "--once", "--state-dir", State)).ExitCode);
        var good = await DumpDistProcess.RunAsync("verify", Dest, "--json", "--state-dir", State);
        var file = Path.Combine(Dest, "public/enwiki/20261101/enwiki-20261101-pages.xml.bz2");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[100] ^= 0x55;
        await File.WriteAllBytesAsync(file, bytes);

        var bad = await DumpDistProcess.RunAsync("verify", Dest, "--json", "--state-dir", State);

        Assert.Equal(0, good.ExitCode);
        Assert.Equal(1, bad.ExitCode);
        using var report = JsonDocument.Parse(bad.StandardOutput);
        var problem = Assert.Single(report.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("public/enwiki/20261101/enwiki-20261101-pages.xml.bz2", problem.GetProperty("path").GetString());
        Assert.Equal("ChecksumMismatch", problem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Verify_MissingDirectory_ExitsTwo()
    {
        var result = await DumpDistProcess.RunAsync("verify", Path.Combine(_directory, "nope"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such directory", result.StandardError);
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
