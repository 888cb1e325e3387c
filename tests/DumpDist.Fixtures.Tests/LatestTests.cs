using System.Globalization;
using System.Xml.Linq;

namespace DumpDist.Fixtures.Tests;

[Collection(GeneratedTreeCollection.Name)]
public sealed class LatestTests(GeneratedTree tree)
{
    [Fact]
    public void LatestLinks_ResolveIntoNewestGoodRun()
    {
        foreach (var wiki in tree.Manifest.Wikis)
        {
            var latestDir = Path.Combine(tree.Root, "public", wiki.Name, "latest");
            var newestGood = NewestGoodRunFromDisk(wiki.Name);
            Assert.Equal(newestGood, wiki.LatestGoodDate);
            var links = Directory.EnumerateFileSystemEntries(latestDir).Select(p => new FileInfo(p)).Where(f => f.LinkTarget is not null).ToList();
            Assert.Equal(wiki.Latest.Count, links.Count);
            Assert.NotEmpty(links);
            foreach (var link in links)
            {
                Assert.StartsWith($"../{newestGood}/", link.LinkTarget, StringComparison.Ordinal);
                Assert.StartsWith($"{wiki.Name}-latest-", link.Name, StringComparison.Ordinal);
                var resolved = link.ResolveLinkTarget(returnFinalTarget: true);
                Assert.NotNull(resolved);
                Assert.True(resolved.Exists, $"{link.FullName} -> {link.LinkTarget} dangles");
            }
        }

        // The huge wikis' newest run is in progress, so latest/ must point at an older run.
        Assert.NotEqual("20261120", tree.Manifest.Wiki("enwiki").LatestGoodDate);
    }

    [Fact]
    public void RssFeeds_AreRss2_LinkingToTheRunAndDate()
    {
        foreach (var wiki in tree.Manifest.Wikis)
        {
            foreach (var entry in wiki.Latest)
            {
                var feed = XDocument.Load(Path.Combine(tree.Root, "public", wiki.Name, "latest", entry.FeedName));
                Assert.Equal("rss", feed.Root!.Name.LocalName);
                Assert.Equal("2.0", feed.Root.Attribute("version")?.Value);
                var item = feed.Root.Element("channel")!.Element("item")!;
                Assert.EndsWith($"/{wiki.Name}/{entry.RunDate}", item.Element("link")!.Value, StringComparison.Ordinal);
                Assert.Equal(entry.Target[(entry.RunDate.Length + 4)..], item.Element("title")!.Value);
                var published = DateTime.Parse(item.Element("pubDate")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                Assert.True(published >= DateTime.ParseExact(entry.RunDate, "yyyyMMdd", CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Decides "good" from dumpstatus.json alone: the newest run whose jobs are all done or skipped.</summary>
    private string? NewestGoodRunFromDisk(string wiki)
    {
        return Directory.EnumerateDirectories(Path.Combine(tree.Root, "public", wiki))
            .Select(Path.GetFileName)
            .Where(name => name!.Length == 8 && name.All(char.IsAsciiDigit))
            .Order(StringComparer.Ordinal)
            .LastOrDefault(date =>
            {
                using var status = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(tree.Root, "public", wiki, date!, "dumpstatus.json")));
                return status.RootElement.GetProperty("jobs").EnumerateObject()
                    .All(j => j.Value.GetProperty("status").GetString() is "done" or "skipped");
            });
    }
}
