using System.Text.Json;
using DumpDist.FunctionalTests.Retention;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Provisioning;

/// <summary>`dumpdist init` for real: directories, owners and modes, a second run, and a volume too small (a tmpfs the test mounts).</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly SmallTree _source = new(runs: 5);
    private readonly string _dir = TestPaths.NewTempDirectory("init");
    private string? _mounted;

    public void Dispose()
    {
        if (_mounted is not null)
        {
            ExternalProgram.RunAsync("umount", [_mounted]).GetAwaiter().GetResult();
        }

        Directory.Delete(_dir, recursive: true);
        _source.Dispose();
    }

    private string Root => Path.Combine(_dir, "volume", "dumps");

    private string State => Path.Combine(_dir, "state");

    private string Logs => Path.Combine(_dir, "log");

    [Fact]
    public async Task Init_Twice_CreatesWithOwnerAndModesThenNothingToDo()
    {
        var config = WriteCluster(keep: 10);

        var first = await InitAsync(config, "--owner", "nobody");
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains("init a: 4 created, 0 fixed, 0 already right", first.StandardOutput);
        var expected = new Dictionary<string, string>
        {
            [Root] = "755 nobody nogroup",
            [Path.Combine(Root, "public")] = "755 nobody nogroup",
            [State] = "750 nobody nogroup",
            [Logs] = "750 nobody nogroup",
        };
        var before = new Dictionary<string, string>();
        foreach (var (path, modeAndOwner) in expected)
        {
            var stat = await StatAsync(path);
            Assert.StartsWith(modeAndOwner + " ", stat);
            before[path] = stat;
        }

        var second = await InitAsync(config, "--owner", "nobody", "--json");
        Assert.True(second.ExitCode == 0, second.StandardError);
        using var json = JsonDocument.Parse(second.StandardOutput);
        Assert.False(json.RootElement.GetProperty("changed").GetBoolean());
        Assert.All(json.RootElement.GetProperty("directories").EnumerateArray(), d => Assert.False(d.GetProperty("created").GetBoolean()));
        var text = await InitAsync(config, "--owner", "nobody");
        Assert.Contains("init a: nothing to do (4 directories already right)", text.StandardOutput);

        // Not even touched: a chmod or chown to the same values would have moved the change time.
        foreach (var (path, stat) in before)
        {
            Assert.Equal(stat, await StatAsync(path));
        }
    }

    [Fact]
    public async Task Init_WrongModeAndOwner_CorrectedAndReported()
    {
        var config = WriteCluster(keep: 10);
        Directory.CreateDirectory(State);
        File.SetUnixFileMode(State, (UnixFileMode)0b111_111_111);
        var (contentFile, content) = (Path.Combine(State, "sync.db"), "state kept");
        await File.WriteAllTextAsync(contentFile, content);

        var result = await InitAsync(config, "--owner", "nobody");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains($"fixed    {State} (state) mode 0777 -> 0750 owner 0:0 -> nobody:nogroup", result.StandardOutput);
        Assert.StartsWith("750 nobody nogroup ", await StatAsync(State));
        Assert.Equal(content, await File.ReadAllTextAsync(contentFile));
        Assert.StartsWith("644 root root ", await StatAsync(contentFile)); // not recursive
    }

    [Fact]
    public async Task Init_UnknownOwner_Exit2NothingCreated()
    {
        var result = await InitAsync(WriteCluster(keep: 10), "--owner", "no-such-user-dd");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--owner no-such-user-dd: no such user 'no-such-user-dd'", result.StandardError);
        Assert.False(Directory.Exists(State));
    }

    [Fact]
    public async Task Init_VolumeTooSmall_RefusedSayingByHowMuchNothingCreated()
    {
        var config = WriteCluster(keep: 10);
        var volume = Path.GetDirectoryName(Root)!;
        Directory.CreateDirectory(volume);
        var mount = await ExternalProgram.RunAsync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", volume]);
        Assert.True(mount.ExitCode == 0, mount.StandardError);
        _mounted = volume;

        // The forecast init must use: `dumpdist capacity` of the source under the same retention.
        var capacity = await DumpDistProcess.RunAsync("capacity", "--root", _source.Root, "--keep", "10", "--json");
        Assert.True(capacity.ExitCode == 0, capacity.StandardError);
        using var report = JsonDocument.Parse(capacity.StandardOutput);
        var steady = report.RootElement.GetProperty("steady_state_bytes").GetInt64();
        var available = new DriveInfo(volume).AvailableFreeSpace;
        Assert.True(steady > available, $"the test tree ({steady} bytes) must not fit in the tmpfs ({available} bytes)");

        var result = await InitAsync(config, "--owner", "nobody");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"dumpdist init: volume {volume} is too small by ", result.StandardError);
        Assert.Contains($"({steady - available} bytes): the steady state under the configured retention is ", result.StandardError);
        Assert.Contains("nothing created", result.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(volume));
        Assert.False(Directory.Exists(State));
        Assert.False(Directory.Exists(Logs));

        var json = await InitAsync(config, "--owner", "nobody", "--json");
        Assert.Equal(1, json.ExitCode);
        using var document = JsonDocument.Parse(json.StandardOutput);
        Assert.False(document.RootElement.GetProperty("fits").GetBoolean());
        Assert.Equal(steady - available, document.RootElement.GetProperty("shortfall_bytes").GetInt64());
    }

    private Task<ProcessResult> InitAsync(string config, params string[] extra) =>
        DumpDistProcess.RunAsync(["init", "--config", config, "--host", "a", "--log-dir", Logs, .. extra]);

    private static async Task<string> StatAsync(string path) =>
        (await ExternalProgram.RunAsync("stat", ["-c", "%a %U %G %Z.%z", path])).StandardOutput.Trim();

    private string WriteCluster(int keep)
    {
        var path = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(path, $"""
            source:
              url: {_source.Root}
            datasets:
              - name: xmldatadumps
                path: public
            hosts:
              - name: a
                public_address: 127.0.0.1
                admin_address: 127.0.0.1:9100
                root: {Root}
                state_dir: {State}
            retention:
              default_keep: {keep}
            """);
        return path;
    }
}
