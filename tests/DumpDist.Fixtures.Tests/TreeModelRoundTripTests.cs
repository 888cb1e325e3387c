using DumpDist.Core.Tree;

namespace DumpDist.Fixtures.Tests;

/// <summary>The tree model (DumpDist.Core.Tree) reads back exactly what the generator meant to write.</summary>
[Collection(GeneratedTreeCollection.Name)]
public sealed class TreeModelRoundTripTests(GeneratedTree tree)
{
    private readonly DumpTreeSnapshot snapshot = DumpTree.Scan(tree.Root);

    [Fact]
    public void Scan_FindsEveryWikiAndRun_WithoutProblems()
    {
        Assert.Empty(snapshot.Problems);
        Assert.Equal(tree.Manifest.Wikis.Select(w => w.Name).Order(StringComparer.Ordinal), snapshot.Wikis.Select(w => w.Name));
        foreach (var wiki in tree.Manifest.Wikis)
        {
            Assert.Equal(wiki.Runs.Select(r => r.Date), snapshot.FindWiki(wiki.Name)!.Runs.Select(r => r.Date));
        }
    }

    [Fact]
    public void Scan_RunStates_AreThoseMeant()
    {
        foreach (var run in tree.Manifest.Runs)
        {
            var expected = run.State switch
            {
                FixtureRunState.Done => RunState.Good,
                FixtureRunState.InProgress => RunState.InProgress,
                _ => RunState.Failed,
            };

            Assert.Equal(expected, Read(run).State);
        }

        Assert.Contains(tree.Manifest.Runs, r => r.State == FixtureRunState.Done);
        Assert.Contains(tree.Manifest.Runs, r => r.State == FixtureRunState.InProgress);
        Assert.Contains(tree.Manifest.Runs, r => r.State == FixtureRunState.Failed);
    }

    [Fact]
    public void Scan_Jobs_StatusesTimesAndListedFiles()
    {
        foreach (var run in tree.Manifest.Runs)
        {
            var status = Read(run).Status!;
            Assert.Equal("0.8", status.Version);
            Assert.Equal(run.Jobs.Select(j => j.Name), status.Jobs.Select(j => j.Name));
            foreach (var (meant, read) in run.Jobs.Zip(status.Jobs))
            {
                Assert.Equal(meant.Status.ToString(), read.State.ToString());
                Assert.Equal(new DateTimeOffset(meant.Updated), read.Updated);

                // Done jobs list every file with sums; an in-progress job lists its finished parts by size only.
                var listed = meant.Files.Where(f => f.State == FixtureFileState.Complete && meant.Status is FixtureJobStatus.Done or FixtureJobStatus.InProgress).ToList();
                Assert.Equal(listed.Select(f => (f.Name, (long?)f.Size)), read.Files.Select(f => (f.Name, f.Size)));
                Assert.Equal(listed.Select(f => f.Listed ? f.Md5 : null), read.Files.Select(f => f.Md5));
                Assert.Equal(listed.Select(f => f.Listed ? f.Sha1 : null), read.Files.Select(f => f.Sha1));
            }
        }
    }

    [Fact]
    public void ReadChecksums_TextAndJson_AreTheSumsOfDoneFiles()
    {
        foreach (var run in tree.Manifest.Runs)
        {
            var model = Read(run);
            var sha1 = run.Files.Where(f => f.Listed).ToDictionary(f => f.Name, f => f.Sha1);
            var md5 = run.Files.Where(f => f.Listed).ToDictionary(f => f.Name, f => f.Md5);

            Assert.Equal(sha1, Sums(model.ReadChecksums(ChecksumAlgorithm.Sha1)));
            Assert.Equal(md5, Sums(model.ReadChecksums(ChecksumAlgorithm.Md5)));
            Assert.Equal(sha1, Sums(ChecksumFile.Read(Path.Combine(model.DirectoryPath, ChecksumFile.RunFileName(run.Wiki, run.Date, ChecksumAlgorithm.Sha1, json: true)))));
            Assert.Equal(md5, Sums(ChecksumFile.Read(Path.Combine(model.DirectoryPath, ChecksumFile.RunFileName(run.Wiki, run.Date, ChecksumAlgorithm.Md5, json: true)))));
        }
    }

    [Fact]
    public void ListDataFiles_AreTheCompleteFiles_NeverInprogOrStatusFiles()
    {
        foreach (var run in tree.Manifest.Runs)
        {
            var expected = run.Files.Where(f => f.State == FixtureFileState.Complete).Select(f => f.Name).Order(StringComparer.Ordinal);

            Assert.Equal(expected, Read(run).ListDataFiles());
            Assert.All(run.StatusFiles, f => Assert.True(PublishRules.IsStatusOrIndexFile(f), f));
            Assert.All(run.Files.Where(f => f.State == FixtureFileState.Partial), f => Assert.True(PublishRules.IsNeverPublished($"{run.RelativePath}/{f.Name}")));
        }
    }

    [Fact]
    public void Latest_LinksAndFeeds_PointIntoTheLatestGoodRun()
    {
        foreach (var wiki in tree.Manifest.Wikis)
        {
            var model = snapshot.FindWiki(wiki.Name)!;
            Assert.Equal(wiki.LatestGoodDate, model.LatestGoodRun?.Date);

            var links = model.Latest.Where(e => !e.IsFeed).ToList();
            Assert.Equal(wiki.Latest.Select(l => (l.Name, (string?)l.Target, (string?)l.RunDate, true)).OrderBy(l => l.Name, StringComparer.Ordinal),
                links.Select(l => (l.Name, l.LinkTarget, l.RunDate, l.TargetExists)));
            Assert.Equal(wiki.Latest.Select(l => l.FeedName).Order(StringComparer.Ordinal), model.Latest.Where(e => e.IsFeed).Select(e => e.Name));
        }
    }

    [Fact]
    public void OtherDatasets_NamesAndDatedDirectories()
    {
        Assert.Equal(tree.Manifest.OtherDatasets.Select(d => d.Name).Order(StringComparer.Ordinal), snapshot.OtherDatasets.Select(d => d.Name));
        foreach (var dataset in tree.Manifest.OtherDatasets)
        {
            // wikibase keeps its dated directories one level down (wikibase/wikidatawiki/YYYYMMDD), as in production.
            var direct = dataset.RunDirectories.Where(d => !d.Contains('/', StringComparison.Ordinal));
            Assert.Equal(direct, snapshot.OtherDatasets.Single(d => d.Name == dataset.Name).DatedDirectories);
        }

        Assert.False(snapshot.OtherDatasets.Single(d => d.Name == "cirrussearch").IsFlat);
        Assert.True(snapshot.OtherDatasets.Single(d => d.Name == "pageviews").IsFlat);
    }

    [Fact]
    public void ExcludedPaths_AreNeverPublished()
    {
        Assert.NotEmpty(tree.Manifest.ExcludedPaths);
        Assert.All(tree.Manifest.ExcludedPaths, p => Assert.True(PublishRules.IsNeverPublished(p), p));
    }

    private DumpRun Read(FixtureRun run) => snapshot.FindWiki(run.Wiki)!.FindRun(run.Date)!;

    private static IReadOnlyDictionary<string, string> Sums(ReadResult<ChecksumSet> result)
    {
        Assert.True(result.Succeeded, result.Problem?.ToString());
        return result.Value.Sums;
    }
}
