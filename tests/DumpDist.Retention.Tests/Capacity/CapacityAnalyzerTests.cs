using DumpDist.Core.Configuration;
using DumpDist.Retention.Capacity;
using DumpDist.Retention.Execution;
using DumpDist.Retention.Planning;
using DumpDist.Retention.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Retention.Tests.Capacity;

/// <summary>Capacity figures over the generated tree, against coreutils du.</summary>
[Collection(GeneratedTreeCollection.Name)]
public sealed class CapacityAnalyzerTests(GeneratedTree tree)
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Analyze_GeneratedTree_TotalsAgreeWithDu()
    {
        var report = Analyze();

        Assert.Equal(await Du.BytesAsync(false, tree.Root), report.Total.Allocated);
        Assert.Equal(await Du.BytesAsync(true, tree.Root), report.Total.Apparent);
        Assert.Equal(report.Total.Allocated, report.Groups.Sum(g => g.Bytes));
        Assert.Equal(report.Total.Entries, report.Groups.Sum(g => g.Files));
    }

    [Fact]
    public async Task Analyze_GeneratedTree_EachWikiClassAndDatasetAgreesWithDu()
    {
        var report = Analyze();
        var rules = new RetentionRules(new RetentionConfig());

        foreach (var byClass in tree.Manifest.Wikis.GroupBy(w => rules.ForWiki(w.Name).ClassName))
        {
            var group = report.Groups.Single(g => g.Name == $"wikis/{byClass.Key}");
            Assert.Equal(await Du.BytesAsync(false, [.. byClass.Select(w => Path.Combine(tree.Root, "public", w.Name))]), group.Bytes);
            Assert.Equal(await Du.BytesAsync(true, [.. byClass.Select(w => Path.Combine(tree.Root, "public", w.Name))]), group.ApparentBytes);
            Assert.Equal(byClass.Sum(w => w.Runs.Count), group.Items);
        }

        foreach (var dataset in tree.Manifest.OtherDatasets)
        {
            var group = report.Groups.Single(g => g.Name == $"other/{dataset.Name}");
            Assert.Equal(await Du.BytesAsync(false, Path.Combine(tree.Root, "public/other", dataset.Name)), group.Bytes);
        }
    }

    [Fact]
    public void Analyze_GeneratedTree_SteadyStateFollowsTheKeepCounts()
    {
        var report = Analyze();

        var enwiki = report.Wikis.Single(w => w.Name == "enwiki");
        Assert.Equal(("huge", 7, 6), (enwiki.Class, enwiki.Keep, enwiki.Runs));
        Assert.True(enwiki.MeanRunBytes > 0);
        // Runs are twice a month (the 1st and the 20th): the median gap is 11 to 20 days.
        Assert.InRange(enwiki.IntervalDays, 11, 20);
        var huge = report.Groups.Single(g => g.Name == "wikis/huge");
        Assert.Equal("keep 7", huge.Rule);
        Assert.NotNull(huge.SteadyStateBytes);
        Assert.Contains("other/kiwix", report.Unbounded); // no rule: kept for ever
        Assert.NotNull(report.Volume);
    }

    private CapacityReport Analyze() =>
        new CapacityAnalyzer(Time).Analyze(RetentionTarget.ForRoot(tree.Root, Path.Combine(tree.Root, "unused-state"), keep: null));
}
