namespace DumpDist.Fixtures.Tests;

[Collection(GeneratedTreeCollection.Name)]
public sealed class ProductionShapeTests(GeneratedTree tree)
{
    [Theory]
    [InlineData("pages-articles.xml.bz2")]
    [InlineData("pages-articles-multistream.xml.bz2")]
    [InlineData("pages-articles-multistream-index.txt.bz2")]
    [InlineData("pages-meta-current.xml.bz2")]
    [InlineData("pages-meta-history.xml.bz2")]
    [InlineData("pages-meta-history.xml.7z")]
    [InlineData("stub-meta-history.xml.gz")]
    [InlineData("page.sql.gz")]
    [InlineData("site_stats.sql.gz")]
    [InlineData("siteinfo-namespaces.json.gz")]
    [InlineData("abstract.xml.gz")]
    [InlineData("all-titles-in-ns0.gz")]
    [InlineData("md5sums.txt")]
    [InlineData("sha1sums.json")]
    public void SmallWikiFullRun_HasProductionFileNames(string suffix)
    {
        var run = tree.Manifest.Wikis.Where(w => w.Class == WikiClass.Small).SelectMany(w => w.Runs)
            .First(r => r.State == FixtureRunState.Done && r.Date.EndsWith("01", StringComparison.Ordinal));

        Assert.True(File.Exists(Path.Combine(tree.RunDirectory(run), $"{run.Wiki}-{run.Date}-{suffix}")));
    }

    [Fact]
    public void HugeWiki_SplitsJobsInPageRangedParts()
    {
        var run = tree.Manifest.Wiki("enwiki").Runs.Single(r => r.Date == "20261101");
        var names = run.Files.Select(f => f.Name).ToList();

        Assert.Equal(27, names.Count(n => System.Text.RegularExpressions.Regex.IsMatch(n, @"^enwiki-20261101-pages-articles\d+\.xml-p\d+p\d+\.bz2$")));
        Assert.Contains("enwiki-20261101-pages-meta-history1.xml-p1p", names.Select(n => n[..Math.Min(n.Length, 43)]));
        Assert.Contains("enwiki-20261101-pages-articles.xml.bz2", names);
        Assert.Contains("enwiki-20261101-pages-articles-multistream-index1.txt-p1p", names.Select(n => n[..Math.Min(n.Length, 57)]));
    }

    [Fact]
    public void Wikis_HugeFirstThenBigThenSmall()
    {
        Assert.Equal(["enwiki", "wikidatawiki"], tree.Manifest.Wikis.Take(2).Select(w => w.Name));
        Assert.Equal([WikiClass.Huge, WikiClass.Huge, WikiClass.Big, WikiClass.Big, WikiClass.Small, WikiClass.Small, WikiClass.Small, WikiClass.Small], tree.Manifest.Wikis.Select(w => w.Class));
        Assert.Equal(["20261020", "20261101", "20261120"], tree.Manifest.Wiki("dewiki").Runs.Select(r => r.Date));
    }

    [Fact]
    public void FileSizes_HugeWikiBiggerThanSmall_NeverAboveScale()
    {
        var biggest = tree.Manifest.Runs.SelectMany(r => r.Files).Max(f => f.Size);
        var smallWikiBiggest = tree.Manifest.Wikis.Where(w => w.Class == WikiClass.Small).SelectMany(w => w.Runs).SelectMany(r => r.Files).Max(f => f.Size);

        Assert.InRange(biggest, 48 * 1024, 64 * 1024);
        Assert.True(smallWikiBiggest < biggest / 10, $"small wiki file of {smallWikiBiggest} bytes");
    }

    [Theory]
    [InlineData(".bz2", "BZh9")]
    [InlineData(".gz", "\u001f\u008b")]
    [InlineData(".7z", "7z\u00bc\u00af")]
    public void DataFiles_StartWithTheirFormatMagic(string extension, string magic)
    {
        var run = tree.Manifest.Wiki("enwiki").Runs.Single(r => r.Date == "20261101");
        var file = run.Files.First(f => f.Name.EndsWith(extension, StringComparison.Ordinal));
        var head = new byte[magic.Length];
        using (var stream = File.OpenRead(Path.Combine(tree.RunDirectory(run), file.Name)))
        {
            stream.ReadExactly(head);
        }

        Assert.Equal(magic.Select(c => (byte)c), head);
    }

    [Fact]
    public void Mtimes_ComeFromTheRunDate()
    {
        foreach (var run in tree.Manifest.Runs)
        {
            var runDate = DateTime.ParseExact(run.Date, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var file in Directory.EnumerateFileSystemEntries(tree.RunDirectory(run)))
            {
                Assert.InRange(File.GetLastWriteTimeUtc(file), runDate, runDate.AddDays(6));
            }
        }
    }

    [Fact]
    public void ExcludedDirectories_HoldTheirFiles_AndNoChecksumListsThem()
    {
        var excluded = tree.Manifest.ExcludedPaths;
        Assert.Contains("public/other/bad/pageviews-20261101-000000.gz", excluded);
        Assert.Contains(excluded, p => p.Contains("/temp/", StringComparison.Ordinal));
        foreach (var path in excluded)
        {
            Assert.True(File.Exists(Path.Combine(tree.Root, path)), path);
        }

        var runWithTemp = tree.Manifest.Runs.First(r => Directory.Exists(Path.Combine(tree.RunDirectory(r), "temp")));
        var listed = File.ReadAllText(Path.Combine(tree.RunDirectory(runWithTemp), $"{runWithTemp.Wiki}-{runWithTemp.Date}-md5sums.txt"));
        Assert.DoesNotContain("temp", listed.Replace("templatelinks", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void OtherDatasets_DatedDirectoriesAndFlatFiles()
    {
        var other = Path.Combine(tree.Root, "public", "other");
        Assert.True(File.Exists(Path.Combine(other, "kiwix", "zim", "wikipedia", "wikipedia_en_all_maxi_2026-10.zim")));
        Assert.True(File.Exists(Path.Combine(other, "pageviews", "2026", "2026-11", "pageviews-20261124-230000.gz")));
        Assert.True(File.Exists(Path.Combine(other, "wikibase", "wikidatawiki", "20261118", "wikidata-20261118-all.json.gz")));
        Assert.True(File.Exists(Path.Combine(other, "cirrussearch", "20261109", "enwiki-20261109-cirrussearch-content.json.gz")));
        Assert.Equal(["20261109", "20261116", "20261123"], tree.Manifest.OtherDatasets.Single(d => d.Name == "cirrussearch").RunDirectories);
        Assert.Equal("20261118/wikidata-20261118-all.json.gz", new FileInfo(Path.Combine(other, "wikibase", "wikidatawiki", "latest-all.json.gz")).LinkTarget);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(other, "cirrussearch", "20261123"), "*.inprog"));
    }
}
