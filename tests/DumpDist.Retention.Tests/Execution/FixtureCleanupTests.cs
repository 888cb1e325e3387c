using DumpDist.Core.Configuration;
using DumpDist.Fixtures;
using DumpDist.Retention.Execution;
using DumpDist.Retention.Planning;
using DumpDist.Retention.Reporting;
using DumpDist.Retention.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Retention.Tests.Execution;

/// <summary>Retention over a generated tree with many runs, checked against what the generator says it wrote.</summary>
[Collection(GeneratedTreeCollection.Name)]
public sealed class FixtureCleanupTests(GeneratedTree tree) : IDisposable
{
    private const int Keep = 3;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly string _state = TestPaths.NewTempDirectory("fixture-cleanup-state");

    private static RetentionRules Rules => new(
        new RetentionConfig
        {
            Other =
            [
                new OtherRetentionConfig { Dataset = "cirrussearch", Keep = 3 },
                new OtherRetentionConfig { Dataset = "wikibase", Keep = 2 },
                new OtherRetentionConfig { Dataset = "pageviews", MaxAge = TimeSpan.FromDays(8) },
            ],
        },
        Keep);

    [Fact]
    public void Plan_GeneratedTree_RemovesWhatTheManifestImplies()
    {
        var plan = CleanupPlanner.Plan(tree.Root, Rules, Now);

        var expectedRuns = tree.Manifest.Wikis.SelectMany(ExpectedRemovals).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expectedRuns);
        Assert.Equal(expectedRuns, plan.Removals.Where(r => r.Kind == RemovalKind.Run).Select(r => r.RelativePath).Order(StringComparer.Ordinal));
        Assert.Empty(plan.Problems);

        var cirrus = tree.Manifest.OtherDatasets.Single(d => d.Name == "cirrussearch").RunDirectories.Order(StringComparer.Ordinal).ToList();
        var wikibase = tree.Manifest.OtherDatasets.Single(d => d.Name == "wikibase").RunDirectories.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            cirrus.Take(cirrus.Count - 3).Select(d => $"public/other/cirrussearch/{d}").Concat(wikibase.Take(wikibase.Count - 2).Select(d => $"public/other/wikibase/{d}")).Order(StringComparer.Ordinal),
            plan.Removals.Where(r => r.Kind == RemovalKind.DatedEntry).Select(r => r.RelativePath).Order(StringComparer.Ordinal));

        var pageviews = Path.Combine(tree.Root, "public/other/pageviews");
        var oldPageviews = Directory.EnumerateFiles(pageviews, "*", SearchOption.AllDirectories)
            .Where(f => File.GetLastWriteTimeUtc(f) < Now.UtcDateTime.AddDays(-8))
            .Select(f => Path.GetRelativePath(tree.Root, f))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(oldPageviews);
        Assert.Equal(oldPageviews, plan.Removals.Where(r => r.Kind == RemovalKind.File).Select(r => r.RelativePath).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Run_DryRunOverGeneratedTree_ChangesNothing()
    {
        var before = TreeSnapshot.Of(tree.Root);

        var report = Executor().Run(Target(tree.Root), dryRun: true);

        Assert.True(report.Removed > 0);
        Assert.Equal(before, TreeSnapshot.Of(tree.Root));
    }

    [Fact]
    public async Task Run_OnACopy_LeavesTheExpectedRunsAndFreesWhatDuSays()
    {
        var copy = await tree.CopyAsync();
        try
        {
            var publicBefore = await Du.BytesAsync(false, Path.Combine(copy, "public"));

            var report = Executor().Run(Target(copy), dryRun: false);

            Assert.True(report.Succeeded, string.Join("; ", report.Problems.Concat(report.Refusals)));
            var publicAfter = await Du.BytesAsync(false, Path.Combine(copy, "public"));
            Assert.Equal(publicBefore - publicAfter, report.BytesFreed);
            foreach (var wiki in tree.Manifest.Wikis)
            {
                var removed = ExpectedRemovals(wiki).ToHashSet(StringComparer.Ordinal);
                foreach (var run in wiki.Runs)
                {
                    Assert.Equal(!removed.Contains(run.RelativePath), Directory.Exists(Path.Combine(copy, run.RelativePath)));
                }

                // latest/ still resolves: nothing it points into was removed.
                Assert.All(Directory.EnumerateFileSystemEntries(Path.Combine(copy, "public", wiki.Name, "latest")), link => Assert.True(File.Exists(link)));
            }

            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(copy, Trash.DirectoryName)));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>The runs the rules remove, computed from the manifest alone.</summary>
    private static IEnumerable<string> ExpectedRemovals(FixtureWiki wiki)
    {
        var good = wiki.Runs.Where(r => r.State == FixtureRunState.Done).Select(r => r.Date).Order(StringComparer.Ordinal).ToList();
        if (good.Count <= Keep)
        {
            return [];
        }

        var oldestKept = good[^Keep];
        return wiki.Runs
            .Where(r => string.CompareOrdinal(r.Date, oldestKept) < 0 && r.State != FixtureRunState.InProgress && r.Date != wiki.LatestGoodDate && !wiki.Latest.Any(l => l.RunDate == r.Date))
            .Select(r => r.RelativePath);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private RetentionTarget Target(string root) =>
        RetentionTarget.ForRoot(root, _state, Keep) with { Rules = Rules };

    private static CleanupExecutor Executor() => new(new FakeTimeProvider(Now), NullLogger.Instance);
}
