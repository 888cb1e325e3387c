using DumpDist.Core.Configuration;
using DumpDist.Retention.Execution;
using DumpDist.Retention.IO;
using DumpDist.Retention.Planning;
using DumpDist.Retention.Reporting;
using DumpDist.Retention.Tests.Support;
using DumpDist.Sync.Safety;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Retention.Tests.Execution;

public sealed class CleanupExecutorTests : IDisposable
{
    private readonly TreeBuilder _tree = new("cleanup");
    private readonly string _state = TestPaths.NewTempDirectory("cleanup-state");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 3, 30, 0, TimeSpan.Zero));

    public CleanupExecutorTests()
    {
        foreach (var month in new[] { "01", "02", "03", "04", "05" })
        {
            _tree.Run("aawiki", $"2026{month}01", dataBytes: 20_000);
        }

        _tree.Latest("aawiki", "20260501");
    }

    private RetentionTarget Target => RetentionTarget.ForRoot(_tree.Root, _state, keep: 3);

    private string Trash => Path.Combine(_tree.Root, DumpDist.Retention.Execution.Trash.DirectoryName);

    [Fact]
    public void Run_RunsBeyondKeep_RemovesThemAndReportsTheirBytes()
    {
        var expectedBytes = DiskUsage.Measure(Path.Combine(_tree.Public, "aawiki/20260101")).Allocated + DiskUsage.Measure(Path.Combine(_tree.Public, "aawiki/20260201")).Allocated;

        var report = Executor().Run(Target, dryRun: false);

        Assert.True(report.Succeeded);
        Assert.Equal(["aawiki/20260301", "aawiki/20260401", "aawiki/20260501", "aawiki/latest"], Directory.GetDirectories(Path.Combine(_tree.Public, "aawiki")).Select(d => Path.GetRelativePath(_tree.Public, d)).Order(StringComparer.Ordinal));
        Assert.Equal(2, report.Removed);
        Assert.All(report.Items, i => Assert.Equal(CleanupOutcomes.Removed, i.Outcome));
        Assert.Equal(expectedBytes, report.BytesFreed);
        Assert.True(expectedBytes > 40_000);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Trash));
    }

    [Fact]
    public void Run_DryRun_ChangesNothingAndReportsWhatWouldGo()
    {
        var before = TreeSnapshot.Of(_tree.Root);
        using var held = SyncLock.TryAcquire(_state, RetentionTarget.OneOffDataset, out _);

        var report = Executor().Run(Target, dryRun: true);

        Assert.Equal(before, TreeSnapshot.Of(_tree.Root));
        Assert.True(report.DryRun);
        Assert.Equal(["public/aawiki/20260101", "public/aawiki/20260201"], report.Items.Select(i => i.Path));
        Assert.All(report.Items, i => Assert.Equal(CleanupOutcomes.WouldRemove, i.Outcome));
        Assert.True(report.BytesFreed > 40_000);
    }

    [Fact]
    public void Run_SyncHoldsTheLock_RefusesAndRemovesNothing()
    {
        var before = TreeSnapshot.Of(_tree.Root);
        using var held = SyncLock.TryAcquire(_state, RetentionTarget.OneOffDataset, out _);
        Assert.NotNull(held);

        var report = Executor().Run(Target, dryRun: false);

        Assert.False(report.Succeeded);
        var refusal = Assert.Single(report.Refusals);
        Assert.Contains("sync-default.lock", refusal, StringComparison.Ordinal);
        Assert.All(report.Items, i => Assert.Equal(CleanupOutcomes.Refused, i.Outcome));
        Assert.Equal(0, report.Removed);
        Assert.Equal(before, TreeSnapshot.Of(_tree.Root));
    }

    [Fact]
    public void Run_ConfigForm_RefusesOnlyTheDatasetWhoseLockIsHeld()
    {
        foreach (var date in new[] { "20261102", "20261109", "20261116" })
        {
            _tree.Dated("pageviews", date);
        }

        var config = new ClusterConfig
        {
            Source = new SourceConfig { Url = "rsync://gen.example.org/dumps/" },
            Datasets =
            [
                new DatasetConfig { Name = "xmldatadumps", Path = "public", Source = new SourceConfig { Url = "rsync://gen.example.org/dumps/" } },
                new DatasetConfig { Name = "pageviews", Path = "public/other/pageviews", Layout = DatasetLayout.Dated, Source = new SourceConfig { Url = "rsync://gen.example.org/dumps/" } },
            ],
            Hosts = [new HostConfig { Name = "dumps1", PublicAddress = System.Net.IPAddress.Loopback, AdminAddress = new HostPort("127.0.0.1", 9100), Root = _tree.Root, StateDir = _state }],
            Retention = new RetentionConfig { DefaultKeep = 3, Other = [new OtherRetentionConfig { Dataset = "pageviews", Keep = 1 }] },
        };
        var target = RetentionTarget.FromConfig(config, "dumps1", out var error)!;
        Assert.Null(error);
        using var held = SyncLock.TryAcquire(_state, "pageviews", out _);

        var report = Executor().Run(target, dryRun: false);

        Assert.Equal(["public/aawiki/20260101", "public/aawiki/20260201"], report.Items.Where(i => i.Outcome == CleanupOutcomes.Removed).Select(i => i.Path));
        Assert.Equal(["public/other/pageviews/20261102", "public/other/pageviews/20261109"], report.Items.Where(i => i.Outcome == CleanupOutcomes.Refused).Select(i => i.Path));
        Assert.True(_tree.Exists("other/pageviews/20261102"));
        Assert.Contains("sync-pageviews.lock", Assert.Single(report.Refusals), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownHost_IsAnErrorNamingIt()
    {
        var config = new ClusterConfig
        {
            Source = new SourceConfig { Url = "rsync://gen.example.org/dumps/" },
            Datasets = [],
            Hosts = [new HostConfig { Name = "dumps1", PublicAddress = System.Net.IPAddress.Loopback, AdminAddress = new HostPort("127.0.0.1", 9100), Root = _tree.Root }],
        };

        Assert.Null(RetentionTarget.FromConfig(config, "dumps9", out var error));
        Assert.Contains("--host dumps9", error, StringComparison.Ordinal);
        Assert.Contains("dumps1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CrashBetweenRenameAndDelete_NoPartialRunVisibleAndTheNextPassFinishes()
    {
        var files = TreeSnapshot.FileCount(Path.Combine(_tree.Public, "aawiki/20260101"));

        Assert.Throws<InjectedCrashException>(() => Executor(new ThrowingFaults(afterMove: true, midDelete: false)).Run(Target, dryRun: false));

        // The first run left the served tree whole, in one rename; the second was not touched.
        Assert.False(_tree.Exists("aawiki/20260101"));
        var entry = Assert.Single(Directory.GetDirectories(Trash));
        Assert.Equal(files, TreeSnapshot.FileCount(entry));
        Assert.Equal(files, TreeSnapshot.FileCount(Path.Combine(_tree.Public, "aawiki/20260201")));
        using (var free = SyncLock.TryAcquire(_state, RetentionTarget.OneOffDataset, out _))
        {
            Assert.NotNull(free); // the crash did not leave the lock held
        }

        var second = Executor().Run(Target, dryRun: false);

        Assert.True(second.Succeeded);
        Assert.Contains(second.Items, i => i is { Kind: CleanupOutcomes.LeftoverKind, Path: "public/aawiki/20260101", Outcome: CleanupOutcomes.Removed } && i.Bytes > 20_000);
        Assert.Contains(second.Items, i => i is { Kind: "run", Path: "public/aawiki/20260201", Outcome: CleanupOutcomes.Removed });
        Assert.False(_tree.Exists("aawiki/20260201"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Trash));
    }

    [Fact]
    public void Run_CrashMidDelete_ServedTreeIsFinalAndTheNextPassDeletesTheRest()
    {
        Assert.Throws<InjectedCrashException>(() => Executor(new ThrowingFaults(afterMove: false, midDelete: true)).Run(Target, dryRun: false));

        Assert.False(_tree.Exists("aawiki/20260101"));
        Assert.False(_tree.Exists("aawiki/20260201"));
        Assert.Equal(2, Directory.GetDirectories(Trash).Length);
        var partial = Directory.GetDirectories(Trash).Order(StringComparer.Ordinal).First();
        Assert.Equal(TreeSnapshot.FileCount(Path.Combine(_tree.Public, "aawiki/20260301")) - 1, TreeSnapshot.FileCount(partial));

        var second = Executor().Run(Target, dryRun: false);

        Assert.True(second.Succeeded);
        Assert.Equal(["public/aawiki/20260101", "public/aawiki/20260201"], second.Items.Select(i => i.Path));
        Assert.All(second.Items, i => Assert.Equal((CleanupOutcomes.LeftoverKind, CleanupOutcomes.Removed), (i.Kind, i.Outcome)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Trash));
        Assert.Equal(["20260301", "20260401", "20260501", "latest"], Directory.GetDirectories(Path.Combine(_tree.Public, "aawiki")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Run_DryRunAfterACrash_ListsLeftoversAndDeletesNothing()
    {
        Assert.Throws<InjectedCrashException>(() => Executor(new ThrowingFaults(afterMove: true, midDelete: false)).Run(Target, dryRun: false));
        var before = TreeSnapshot.Of(_tree.Root);

        var report = Executor().Run(Target, dryRun: true);

        Assert.Equal(before, TreeSnapshot.Of(_tree.Root));
        Assert.Contains(report.Items, i => i is { Kind: CleanupOutcomes.LeftoverKind, Outcome: CleanupOutcomes.WouldRemove, Path: "public/aawiki/20260101" });
    }

    [Fact]
    public void Run_FlatFilesByAge_RemovesEmptiedDirectoriesToo()
    {
        _tree.OtherFile("pageviews", "2026/2026-01/a.gz", _time.GetUtcNow().UtcDateTime.AddDays(-300));
        _tree.OtherFile("pageviews", "2026/2026-11/b.gz", _time.GetUtcNow().UtcDateTime.AddDays(-3));
        var target = Target with { Rules = new RetentionRules(new RetentionConfig { Other = [new OtherRetentionConfig { Dataset = "pageviews", MaxAge = TimeSpan.FromDays(90) }] }, 3) };

        var report = Executor().Run(target, dryRun: false);

        Assert.Contains(report.Items, i => i is { Path: "public/other/pageviews/2026/2026-01/a.gz", Kind: "file", Outcome: CleanupOutcomes.Removed });
        Assert.False(Directory.Exists(Path.Combine(_tree.Public, "other/pageviews/2026/2026-01")));
        Assert.True(_tree.Exists("other/pageviews/2026/2026-11/b.gz"));
    }

    public void Dispose()
    {
        _tree.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private CleanupExecutor Executor(ICleanupFaults? faults = null) => new(_time, NullLogger.Instance, faults);
}
