using DumpDist.Nfs.ClientAgent;
using DumpDist.TestSupport;

namespace DumpDist.Nfs.Tests.ClientAgent;

public sealed class SymlinkSwitcherTests : IDisposable
{
    private readonly string _root = TestPaths.NewTempDirectory("symlinks");

    private string A => Path.Combine(_root, "mnt", "a");

    private string B => Path.Combine(_root, "mnt", "b");

    private string Link => Path.Combine(_root, "public", "dumps");

    public SymlinkSwitcherTests()
    {
        Directory.CreateDirectory(A);
        Directory.CreateDirectory(B);
        File.WriteAllText(Path.Combine(A, "which"), "a");
        File.WriteAllText(Path.Combine(B, "which"), "b");
    }

    [Fact]
    public void Point_NoLink_CreatesIt()
    {
        var (changed, error) = SymlinkSwitcher.Point(Link, A);

        Assert.Null(error);
        Assert.True(changed);
        Assert.Equal(A, SymlinkSwitcher.Read(Link));
        Assert.Equal("a", File.ReadAllText(Path.Combine(Link, "which")));
    }

    [Fact]
    public void Point_ExistingLinkToOther_ReplacesItAndLeavesNoTempFiles()
    {
        SymlinkSwitcher.Point(Link, A);

        var (changed, error) = SymlinkSwitcher.Point(Link, B);

        Assert.Null(error);
        Assert.True(changed);
        Assert.Equal("b", File.ReadAllText(Path.Combine(Link, "which")));
        Assert.Equal(["dumps"], Directory.GetFileSystemEntries(Path.GetDirectoryName(Link)!).Select(Path.GetFileName));
        Assert.True(Directory.Exists(A) && File.Exists(Path.Combine(A, "which")), "the old target must be untouched");
    }

    [Fact]
    public void Point_AlreadyRight_Unchanged()
    {
        SymlinkSwitcher.Point(Link, A);

        Assert.Equal((false, (string?)null), SymlinkSwitcher.Point(Link, A));
    }

    [Fact]
    public void Point_RealDirectoryAtLink_RefusesAndKeepsIt()
    {
        Directory.CreateDirectory(Link);

        var (changed, error) = SymlinkSwitcher.Point(Link, A);

        Assert.False(changed);
        Assert.Contains("is not a symlink", error);
        Assert.True(Directory.Exists(Link));
        Assert.Null(SymlinkSwitcher.Read(Link));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
