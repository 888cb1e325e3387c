using DumpDist.Core.Tree;
using DumpDist.TestSupport;

namespace DumpDist.Core.Tests.Tree;

/// <summary>Any directory of a tree leads back to the root <c>dumpdist web --root</c> is given.</summary>
public sealed class TreeRootTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("tree-root");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("tree/public/enwiki/20261101", "tree", "tree")]
    [InlineData("tree/public/enwiki/20261101", "tree/public/enwiki/20261101", "tree")]
    [InlineData("tree/public/enwiki/20261101", "tree/public/enwiki", "tree")]
    [InlineData("tree/public/enwiki/20261101", "tree/public", "tree")]
    [InlineData("tree/public/other/cirrussearch/20261101", "tree/public/other/cirrussearch/20261101", "tree")]
    [InlineData("plain/enwiki/20261101", "plain", "plain")]
    [InlineData("plain/enwiki/20261101", "plain/enwiki/20261101", "plain")]
    [InlineData("plain/enwiki/20261101", "plain/enwiki", "plain")]
    [InlineData("public/mytree/enwiki/20261101", "public/mytree/enwiki/20261101", "public/mytree")]
    [InlineData("public/mytree/enwiki/20261101", "public/mytree", "public/mytree")]
    [InlineData("notes/misc", "notes/misc", "notes/misc")]
    public void Of_DirectoryInTree_TheRootWebWouldServe(string layout, string asked, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_dir, layout));

        Assert.Equal(Path.Combine(_dir, expected), TreeRoot.Of(Path.Combine(_dir, asked) + "/"));
    }
}
