using System.Text.Json;
using DumpDist.Sync.Safety;

namespace DumpDist.FunctionalTests.Retention;

/// <summary>`dumpdist cleanup` as a process: both forms, the lock, and bad input (exit 2, a message, no stack trace, nothing removed).</summary>
public sealed class CleanupCommandTests : IDisposable
{
    private readonly SmallTree _tree = new();

    [Fact]
    public async Task Cleanup_OneOffDryRun_PrintsTheTableAndChangesNothing()
    {
        var result = await DumpDistProcess.RunAsync("cleanup", "--root", _tree.Root, "--keep", "3", "--dry-run", "--state-dir", _tree.State);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(dry run)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("public/aawiki/20260101", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("would-remove", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(Directory.Exists(_tree.RunPath("20260101")));
    }

    [Fact]
    public async Task Cleanup_ConfigForm_RemovesByTheRetentionSectionAndReportsJson()
    {
        var result = await DumpDistProcess.RunAsync("cleanup", "--config", _tree.ClusterFile(defaultKeep: 2), "--host", "dumps1", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(3, json.RootElement.GetProperty("removed").GetInt32());
        Assert.True(json.RootElement.GetProperty("bytes_freed").GetInt64() >= 30_000);
        Assert.Equal("dumps1", json.RootElement.GetProperty("host").GetString());
        Assert.Equal(["20260401", "20260501", "latest"], Directory.GetDirectories(Path.Combine(_tree.Root, "public", "aawiki")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cleanup_WhileASyncHoldsTheLock_ExitsOneNamingTheLockAndRemovesNothing()
    {
        using var held = SyncLock.TryAcquire(_tree.State, "xmldatadumps", out _);
        Assert.NotNull(held);

        var result = await DumpDistProcess.RunAsync("cleanup", "--config", _tree.ClusterFile(defaultKeep: 2), "--host", "dumps1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("refused", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("sync-xmldatadumps.lock", result.StandardError, StringComparison.Ordinal);
        Assert.True(Directory.Exists(_tree.RunPath("20260101")));
    }

    [Fact]
    public async Task Cleanup_UnreadableStatusOfAnOldRun_ExitsOneNamingTheFileAndKeepsTheRun()
    {
        _tree.Run("20251201", "done", rawStatus: "{\"jobs\": ");

        var result = await DumpDistProcess.RunAsync("cleanup", "--root", _tree.Root, "--keep", "2", "--state-dir", _tree.State);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("public/aawiki/20251201/dumpstatus.json", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(Directory.Exists(_tree.RunPath("20251201")));
        Assert.False(Directory.Exists(_tree.RunPath("20260101")));
    }

    [Theory]
    [InlineData("unknown host", "--host dumps9: no such host")]
    [InlineData("not a dump tree", "not a dump tree (no public/ directory)")]
    [InlineData("keep zero", "--keep must be at least 1, got 0")]
    [InlineData("keep not a number", "--keep must be a whole number of runs, got 'many'")]
    [InlineData("neither form", "give --config FILE --host NAME, or --root DIR")]
    [InlineData("config without host", "--config needs --host NAME")]
    [InlineData("both forms", "belong to the one-off form")]
    public async Task Cleanup_BadInput_ExitsTwoWithAMessageAndRemovesNothing(string name, string message)
    {
        string[] arguments = name switch
        {
            "unknown host" => ["--config", _tree.ClusterFile(2), "--host", "dumps9"],
            "not a dump tree" => ["--root", _tree.Directory, "--keep", "1"],
            "keep zero" => ["--root", _tree.Root, "--keep", "0"],
            "keep not a number" => ["--root", _tree.Root, "--keep", "many"],
            "neither form" => ["--dry-run"],
            "config without host" => ["--config", _tree.ClusterFile(2)],
            _ => ["--config", _tree.ClusterFile(2), "--host", "dumps1", "--root", _tree.Root],
        };

        var result = await DumpDistProcess.RunAsync(["cleanup", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(5, Directory.GetDirectories(Path.Combine(_tree.Root, "public", "aawiki")).Count(d => !d.EndsWith("latest", StringComparison.Ordinal)));
    }

    public void Dispose() => _tree.Dispose();
}
