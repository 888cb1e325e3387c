using DumpDist.Core.Tree;
using DumpDist.TestSupport;

namespace DumpDist.Core.Tests.Tree;

public sealed class DumpTreeTests : IDisposable
{
    private readonly string _root = TestPaths.NewTempDirectory("tree");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Scan_SmallTree_ReadsRunsStatesLatestAndOtherDatasets()
    {
        Write("public/enwiki/20261101/dumpstatus.json", """{"jobs": {"a": {"status": "done"}}, "version": "0.8"}""");
        Write("public/enwiki/20261101/enwiki-20261101-a.bz2", "data");
        Write("public/enwiki/20261120/dumpstatus.json", """{"jobs": {"a": {"status": "in-progress"}}}""");
        Write("public/enwiki/20261120/enwiki-20261120-a.bz2.inprog", "da");
        Write("public/enwiki/20261020/dumpstatus.json", """{"jobs": {"a": {"status": "fai""");
        Write("public/enwiki/latest/enwiki-latest-a.bz2-rss.xml", "<rss/>");
        Link("public/enwiki/latest/enwiki-latest-a.bz2", "../20261101/enwiki-20261101-a.bz2");
        Link("public/enwiki/latest/enwiki-latest-gone.bz2", "../20261101/gone.bz2");
        Write("public/other/pageviews/2026/pageviews-1.gz", "p");
        Write("public/other/cirrussearch/20261102/x.json.gz", "c");
        Write("public/tmp/20261101/dumpstatus.json", "{}");
        Write("public/notawiki/readme.txt", "hello");
        Write("public/pagecounts/20261101/pagecounts-20261101.gz", "dated, but no run of a wiki");
        Write("public/oldwiki/latest/oldwiki-latest-x.bz2-rss.xml", "<rss/>");

        var snapshot = DumpTree.Scan(_root);

        var wiki = Assert.Single(snapshot.Wikis);
        Assert.Equal("enwiki", wiki.Name);
        Assert.Equal(["20261020", "20261101", "20261120"], wiki.Runs.Select(r => r.Date));
        Assert.Equal([RunState.Unknown, RunState.Good, RunState.InProgress], wiki.Runs.Select(r => r.State));
        Assert.Equal("20261101", wiki.LatestGoodRun?.Date);
        Assert.Equal(["enwiki-20261101-a.bz2"], wiki.FindRun("20261101")!.ListDataFiles());
        Assert.Empty(wiki.FindRun("20261120")!.ListDataFiles());

        var link = wiki.Latest.Single(e => e.Name == "enwiki-latest-a.bz2");
        Assert.Equal(("20261101", true), (link.RunDate, link.TargetExists));
        Assert.True(wiki.Latest.Single(e => e.Name.EndsWith("-rss.xml", StringComparison.Ordinal)).IsFeed);
        Assert.False(wiki.Latest.Single(e => e.Name == "enwiki-latest-gone.bz2").TargetExists);

        Assert.Equal(["cirrussearch", "pageviews"], snapshot.OtherDatasets.Select(o => o.Name));
        Assert.Equal(["20261102"], snapshot.OtherDatasets[0].DatedDirectories);
        Assert.True(snapshot.OtherDatasets[1].IsFlat);

        Assert.Equal(2, snapshot.Problems.Count);
        Assert.Contains(snapshot.Problems, p => p.Path.EndsWith("20261020/dumpstatus.json", StringComparison.Ordinal) && p.Message.Contains("malformed JSON"));
        Assert.Contains(snapshot.Problems, p => p.Message.Contains("dangling link"));
    }

    [Fact]
    public void IncrementalScan_ReReadsOnlyChangedRuns_SameSnapshotAsFullScan()
    {
        Write("public/enwiki/20261101/dumpstatus.json", """{"jobs": {"a": {"status": "done"}}}""");
        Write("public/enwiki/20261120/dumpstatus.json", """{"jobs": {"a": {"status": "in-progress"}}}""");
        Write("public/dewiki/20261101/dumpstatus.json", """{"jobs": {"a": {"status": "done"}}}""");
        Write("public/frwiki/20261101/dumpstatus.json", """{"jobs": {"a": {"status": "done"}}}""");
        var scanner = new IncrementalTreeScanner(_root);

        var first = scanner.Scan();
        var readFirst = scanner.RunsReadLastScan;
        var unchanged = scanner.Scan();
        var readUnchanged = scanner.RunsReadLastScan;
        Write("public/enwiki/20261120/dumpstatus.json", """{"jobs": {"a": {"status": "done"}}}  """);
        Directory.Delete(Path.Combine(_root, "public", "frwiki"), recursive: true);
        Write("public/dewiki/20261120/dumpstatus.json", """{"jobs": {"a": {"status": "waiting"}}}""");
        var changed = scanner.Scan();

        Assert.Equal((4, 0, 2), (readFirst, readUnchanged, scanner.RunsReadLastScan));
        Assert.Equal(["dewiki", "enwiki", "frwiki"], first.Wikis.Select(w => w.Name));
        Assert.Equal(RunState.InProgress, unchanged.FindWiki("enwiki")!.NewestRun!.State);
        Assert.Equal(["dewiki", "enwiki"], changed.Wikis.Select(w => w.Name));
        Assert.Equal(RunState.Good, changed.FindWiki("enwiki")!.NewestRun!.State);
        Assert.Equal("20261120", changed.FindWiki("enwiki")!.LatestGoodRun!.Date);
        Assert.Equal(RunState.InProgress, changed.FindWiki("dewiki")!.NewestRun!.State);
        var full = DumpTree.Scan(_root);
        Assert.Equal(full.Wikis.Select(w => (w.Name, string.Join(',', w.Runs.Select(r => r.Date + r.State)))), changed.Wikis.Select(w => (w.Name, string.Join(',', w.Runs.Select(r => r.Date + r.State)))));
    }

    [Fact]
    public void ScanWiki_DatedDirectoriesWithoutStatus_NotAWiki()
    {
        Write("public/pagecounts/20261101/x.gz", "x");
        Write("public/enwiki/20261101/dumpstatus.json", "{}");
        Write("public/enwiki/20261120/enwiki-20261120-a.bz2", "no status yet");

        Assert.Null(DumpTree.ScanWiki(_root, "pagecounts"));
        Assert.Equal(["20261101", "20261120"], DumpTree.ScanWiki(_root, "enwiki")!.Runs.Select(r => r.Date));
    }

    [Fact]
    public void Scan_NoPublicDirectory_ReportsProblem()
    {
        var snapshot = DumpTree.Scan(_root);

        Assert.Empty(snapshot.Wikis);
        Assert.Contains("no public/ directory", Assert.Single(snapshot.Problems).Message);
    }

    [Fact]
    public void ReadRun_MissingStatus_IsUnknownWithProblem()
    {
        Directory.CreateDirectory(Path.Combine(_root, "20261101"));

        var run = DumpTree.ReadRun("w", Path.Combine(_root, "20261101"));

        Assert.Equal(RunState.Unknown, run.State);
        Assert.Equal("missing", run.StatusProblem?.Message);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private void Link(string relative, string target)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }
}
