using DumpDist.Mirrors.Modules;
using DumpDist.Mirrors.Rsyncd;
using DumpDist.Mirrors.Tests.Support;
using DumpDist.TestSupport;

namespace DumpDist.Mirrors.Tests.Modules;

public sealed class IncludeListWriterTests
{
    [Fact]
    public async Task WriteAsync_StandardTree_PublishesDirlistOfGoodRunsAtWebRoot()
    {
        var scratch = TestPaths.NewTempDirectory("lists");
        var tree = MirrorTree.Standard(Path.Combine(scratch, "root"));
        var paths = RsyncdPaths.ForStateDir(Path.Combine(scratch, "state"));

        await IncludeListWriter.WriteAsync(tree.Root, paths, [1, 3], DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal("aawiki/20261101\nbbwiki/20261101\n", await File.ReadAllTextAsync(Path.Combine(tree.Public, "rsync-dirlist-last-1-good.txt")));
        Assert.Equal("aawiki/20261001\naawiki/20261010\naawiki/20261101\nbbwiki/20261101\n", await File.ReadAllTextAsync(Path.Combine(tree.Public, "rsync-dirlist-last-3-good.txt")));
        Assert.False(File.Exists(Path.Combine(tree.Public, "rsync-dirlist-last-2-good.txt")));
    }

    [Fact]
    public async Task WriteAsync_NothingChanged_RewritesNothing()
    {
        var scratch = TestPaths.NewTempDirectory("lists");
        var tree = MirrorTree.Standard(Path.Combine(scratch, "root"));
        var paths = RsyncdPaths.ForStateDir(Path.Combine(scratch, "state"));
        await IncludeListWriter.WriteAsync(tree.Root, paths, [1], DateTimeOffset.UtcNow, CancellationToken.None);

        var again = await IncludeListWriter.WriteAsync(tree.Root, paths, [1], DateTimeOffset.UtcNow, CancellationToken.None);
        tree.AddRun("bbwiki", "20261120", "done");
        var afterRun = await IncludeListWriter.WriteAsync(tree.Root, paths, [1], DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(0, again.Written);
        Assert.Equal(3, afterRun.Written);
        Assert.Contains("+ /bbwiki/20261120/***", await File.ReadAllTextAsync(paths.RulesFile("last-1-good")), StringComparison.Ordinal);
    }

    [Fact]
    public void LastGoodRules_Runs_ExclusionsFirstThenRunsThenEverythingElseExcluded()
    {
        var rules = IncludeLists.LastGoodRules(["aawiki/20261010", "aawiki/20261101", "bbwiki/20261101"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("- .*", rules[0]);
        Assert.Contains("- *.inprog", rules);
        Assert.Equal(["+ /aawiki/", "+ /aawiki/20261010/***", "+ /aawiki/20261101/***", "+ /bbwiki/", "+ /bbwiki/20261101/***", "+ /dumpdist-trace.txt", "- *"], rules[^7..]);
    }
}
