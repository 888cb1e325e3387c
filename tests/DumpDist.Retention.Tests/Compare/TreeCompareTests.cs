using DumpDist.Retention.Compare;
using DumpDist.Retention.Tests.Support;
using DumpDist.Sync.Transport;
using DumpDist.TestSupport;

namespace DumpDist.Retention.Tests.Compare;

/// <summary>Compare finds every planted difference, nothing in an exact copy, locally and against a real rsync daemon.</summary>
[Collection(GeneratedTreeCollection.Name)]
public sealed class TreeCompareTests(GeneratedTree tree) : IAsyncLifetime
{
    private string Planted { get; set; } = string.Empty;

    private string Exact { get; set; } = string.Empty;

    private List<(string Path, string Kind)> Expected => PlantedCopy.Expected(tree.Manifest);

    public async Task InitializeAsync()
    {
        // Shared by every test of the class: copying the tree is the slow part.
        Planted = await tree.SharedCopyAsync("planted", copy => PlantedCopy.Plant(copy, tree.Manifest));
        Exact = await tree.SharedCopyAsync("exact");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Run_PlantedLocalCopy_FindsEveryDifferenceButContentWithoutChecksums()
    {
        var report = await RunAsync(Planted, tree.Root, checksums: false);

        Assert.Equal(Expected.Where(e => e.Kind != "content").Order(), Found(report));
        Assert.False(report.Identical);
        var run = Assert.Single(report.Differences, d => d.Kind == "only-in-b" && !d.Path.Contains(".xml", StringComparison.Ordinal) && !d.Path.Contains(".gz", StringComparison.Ordinal) && !d.Path.Contains(".bz2", StringComparison.Ordinal) && !d.Path.Contains(".txt", StringComparison.Ordinal) && !d.Path.Contains(".json", StringComparison.Ordinal));
        Assert.Contains("directory", run.B, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PlantedLocalCopyWithChecksums_AlsoFindsTheSameSizeSameMtimeChange()
    {
        var report = await RunAsync(Planted, tree.Root, checksums: true);

        Assert.Equal(Expected.Order(), Found(report));
        Assert.True(report.ContentChecked > 100);
    }

    [Fact]
    public async Task Run_ExactCopy_FindsNothing()
    {
        var plain = await RunAsync(Exact, tree.Root, checksums: false);
        var summed = await RunAsync(Exact, tree.Root, checksums: true);

        Assert.True(plain.Identical, string.Join("\n", plain.Differences));
        Assert.True(summed.Identical, string.Join("\n", summed.Differences));
        Assert.Equal(plain.EntriesA, plain.EntriesB);
        Assert.True(plain.EntriesA > 10_000);
    }

    [Fact]
    public async Task Run_AgainstRsyncDaemon_FindsEveryDifferenceUsingPublishedSums()
    {
        await using var daemon = await RsyncDaemon.StartAsync(tree.Root, "dumps");

        var report = await RunAsync(Planted, daemon.Url, checksums: true);

        Assert.Equal(Expected.Order(), Found(report));
        Assert.True(report.ContentChecked > 100);
        Assert.True(report.ContentUnchecked > 0); // files of other datasets without sums, status files
    }

    [Fact]
    public async Task Run_ExactCopyAgainstRsyncDaemon_FindsNothing()
    {
        await using var daemon = await RsyncDaemon.StartAsync(tree.Root, "dumps");

        var report = await RunAsync(daemon.Url, Exact, checksums: true);

        Assert.True(report.Identical, string.Join("\n", report.Differences.Take(20)));
        Assert.True(report.ContentChecked > 100);
    }

    [Fact]
    public async Task Run_UnknownModule_IsAnErrorNamingTheUrl()
    {
        await using var daemon = await RsyncDaemon.StartAsync(tree.Root, "dumps");
        var url = $"rsync://127.0.0.1:{daemon.Port}/nosuchmodule/";

        var (report, error) = await new TreeCompare(new RsyncRunner()).RunAsync(Side(url), Side(Exact), checksums: false);

        Assert.Null(report);
        Assert.Contains(url, error, StringComparison.Ordinal);
        Assert.Contains("Unknown module", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nonexistent/dumpdist/tree", "no such directory")]
    [InlineData("host::module/path", "rsync://")]
    [InlineData("rsync://", "not an rsync URL")]
    public void Parse_BadSide_IsAnErrorNamingIt(string argument, string expected)
    {
        Assert.Null(ComparedSide.Parse(argument, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Path, string Kind)> Found(ComparisonReport report) => report.Differences.Select(d => (d.Path, d.Kind)).Order();

    private static async Task<ComparisonReport> RunAsync(string a, string b, bool checksums)
    {
        var (report, error) = await new TreeCompare(new RsyncRunner()).RunAsync(Side(a), Side(b), checksums);
        Assert.True(report is not null, error);
        return report;
    }

    private static ComparedSide Side(string argument) => ComparedSide.Parse(argument, out var error) ?? throw new InvalidOperationException(error);
}
