using DumpDist.Fixtures.Planning;

namespace DumpDist.Fixtures.Tests;

public sealed class PlanningTests
{
    [Theory]
    [InlineData(1, "20261120")]
    [InlineData(2, "20261101 20261120")]
    [InlineData(5, "20260920 20261001 20261020 20261101 20261120")]
    public void RunDatesLast_FirstAndTwentieth_OldestFirst(int count, string expected)
    {
        Assert.Equal(expected, string.Join(' ', RunDates.Last(count).Select(RunDates.Format)));
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(4, 2_000_000)]
    [InlineData(27, 78_000_000)]
    public void PageRangeSplit_CoversAllPagesContiguously(int parts, long maxPage)
    {
        var ranges = PageRange.Split(parts, maxPage);

        Assert.Equal(parts, ranges.Count);
        Assert.Equal(1, ranges[0].First);
        Assert.Equal(maxPage, ranges[^1].Last);
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.Equal(ranges[i - 1].Last + 1, ranges[i].First);
            Assert.True(ranges[i].Last >= ranges[i].First);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(5000)]
    public void WikiNamesChoose_UniquePlausibleNames(int count)
    {
        var wikis = WikiNames.Choose(count, seed: 1);

        Assert.Equal(count, wikis.Count);
        Assert.Equal(count, wikis.Select(w => w.Name).Distinct().Count());
        Assert.Equal("enwiki", wikis[0].Name);
        Assert.All(wikis, w => Assert.Matches("^[a-z_]+(wiki|wiktionary|wikibooks|wikisource|wikiquote|wikinews|wikiversity|wikivoyage)$", w.Name));
    }

    [Fact]
    public void TreePlan_SameOptions_SamePlan()
    {
        var options = new FixtureOptions("/unused", Wikis: 50, Runs: 6, Seed: 9);

        var first = TreePlan.Create(options);
        var second = TreePlan.Create(options);

        Assert.Equal(first.CountEntries(), second.CountEntries());
        Assert.Equal(
            first.Wikis.SelectMany(w => w.Runs).Select(r => $"{r.Wiki}/{r.DateText}/{r.State}/{string.Join(',', r.Jobs.Select(j => $"{j.Status}:{j.Files.Count}"))}"),
            second.Wikis.SelectMany(w => w.Runs).Select(r => $"{r.Wiki}/{r.DateText}/{r.State}/{string.Join(',', r.Jobs.Select(j => $"{j.Status}:{j.Files.Count}"))}"));
    }
}
