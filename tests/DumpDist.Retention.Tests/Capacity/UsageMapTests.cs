using DumpDist.Retention.Capacity;
using DumpDist.Retention.Execution;
using DumpDist.Retention.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Retention.Tests.Capacity;

public sealed class UsageMapTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("trace/dumps1.json", "")]
    [InlineData("public", "public")]
    [InlineData("public/index.html", "public/index.html")]
    [InlineData("public/enwiki", "public/enwiki")]
    [InlineData("public/enwiki/20261101", "public/enwiki/20261101")]
    [InlineData("public/enwiki/20261101/enwiki-20261101-pages.xml.bz2", "public/enwiki/20261101")]
    [InlineData("public/enwiki/latest/enwiki-latest-pages.xml.bz2", "public/enwiki")]
    [InlineData("public/other", "public")]
    [InlineData("public/other/pageviews/2026/2026-11/pageviews-20261124-000000.gz", "public/other/pageviews")]
    [InlineData("public/other/cirrussearch/20261123/x.json.gz", "public/other/cirrussearch/20261123")]
    [InlineData("public/other/wikibase/wikidatawiki/20261118/a/b", "public/other/wikibase/wikidatawiki/20261118")]
    [InlineData(".~dumpdist-trash~/20261130T040000000Z-1-1~public%2Fenwiki%2F20250101/file", ".~dumpdist-trash~")]
    public void KeyOf_Path_IsTheBucketOfItsLayoutDirectory(string path, string key) => Assert.Equal(key, UsageMap.KeyOf(path).ToString());

    [Fact]
    public async Task Analyze_DirectoriesThatOnlyLookLikeRunsOrWikis_CountWithTheirParent()
    {
        using var tree = new TreeBuilder("usage-parts");
        tree.Run("aawiki", "20260101");
        tree.Run("aawiki", "20260201");
        Directory.CreateDirectory(Path.Combine(tree.Public, "aawiki/20261399"));
        File.WriteAllText(Path.Combine(tree.Public, "aawiki/20261399/not-a-run"), new string('n', 5000));
        Directory.CreateDirectory(Path.Combine(tree.Public, "notawiki"));
        File.WriteAllText(Path.Combine(tree.Public, "notawiki/readme"), new string('r', 7000));
        Directory.CreateDirectory(Path.Combine(tree.Root, Trash.DirectoryName, "x"));
        File.WriteAllText(Path.Combine(tree.Root, Trash.DirectoryName, "x/old"), new string('t', 9000));

        var report = new CapacityAnalyzer(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)))
            .Analyze(RetentionTarget.ForRoot(tree.Root, Path.Combine(tree.Root, "unused-state"), keep: null));

        Assert.Equal(await Du.BytesAsync(false, Path.Combine(tree.Public, "aawiki")), report.Groups.Single(g => g.Name == "wikis/default").Bytes);
        Assert.Equal(2, report.Groups.Single(g => g.Name == "wikis/default").Items);
        Assert.Equal(await Du.BytesAsync(false, Path.Combine(tree.Root, Trash.DirectoryName)), report.Groups.Single(g => g.Name == "trash").Bytes);
        Assert.Equal(await Du.BytesAsync(false, tree.Root), report.Total.Allocated);
        Assert.Equal(report.Total.Allocated, report.Groups.Sum(g => g.Bytes));
    }
}
