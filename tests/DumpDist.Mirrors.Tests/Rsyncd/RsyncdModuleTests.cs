using DumpDist.Mirrors.Tests.Support;

namespace DumpDist.Mirrors.Tests.Rsyncd;

/// <summary>A real rsync client against the node's supervised daemon: what each module serves.</summary>
public sealed class RsyncdModuleTests
{
    [Fact]
    public async Task LastOneGood_AllowedMirror_ReceivesOnlyTheNewestGoodRunOfEachWiki()
    {
        await using var daemon = await DaemonUnderTest.StartAsync();
        var copy = daemon.NewDestination();

        var pull = await RsyncClient.PullAsync(daemon.Port, "last-1-good", copy);

        Assert.True(pull.ExitCode == 0, pull.StandardError + daemon.Log());
        Assert.Equal(
            ["aawiki/20261101/aawiki-20261101-pages.xml.bz2", "aawiki/20261101/dumpstatus.json", "bbwiki/20261101/bbwiki-20261101-pages.xml.bz2", "bbwiki/20261101/dumpstatus.json", "dumpdist-trace.txt"],
            RsyncClient.Files(copy));
    }

    [Fact]
    public async Task LastTwoGood_AllowedMirror_SkipsFailedAndInProgressRuns()
    {
        await using var daemon = await DaemonUnderTest.StartAsync();
        var copy = daemon.NewDestination();

        var pull = await RsyncClient.PullAsync(daemon.Port, "last-2-good", copy);

        Assert.True(pull.ExitCode == 0, pull.StandardError + daemon.Log());
        var runs = RsyncClient.Files(copy).Where(f => f.Contains('/', StringComparison.Ordinal)).Select(f => string.Join('/', f.Split('/').Take(2))).Distinct().ToList();
        Assert.Equal(["aawiki/20261010", "aawiki/20261101", "bbwiki/20261101"], runs);
    }

    [Fact]
    public async Task All_AllowedMirror_GetsEverythingButDotFilesAndFilesInProgress()
    {
        await using var daemon = await DaemonUnderTest.StartAsync();
        var copy = daemon.NewDestination();

        var pull = await RsyncClient.PullAsync(daemon.Port, "all", copy);

        Assert.True(pull.ExitCode == 0, pull.StandardError + daemon.Log());
        var files = RsyncClient.Files(copy);
        Assert.Contains("aawiki/20261120/dumpstatus.json", files);
        Assert.Contains("other/pageviews/20261101/pageviews-1.gz", files);
        Assert.Contains("rsync-dirlist-last-1-good.txt", files);
        Assert.DoesNotContain(files, f => f.Split('/').Any(s => s.StartsWith('.')) || f.EndsWith(".inprog", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_AllowedMirror_GetsOnlyOtherDatasets()
    {
        await using var daemon = await DaemonUnderTest.StartAsync();
        var copy = daemon.NewDestination();

        var pull = await RsyncClient.PullAsync(daemon.Port, "other", copy);

        Assert.True(pull.ExitCode == 0, pull.StandardError + daemon.Log());
        Assert.Equal(["pageviews/20261101/pageviews-1.gz"], RsyncClient.Files(copy));
    }
}
