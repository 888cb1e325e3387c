using DumpDist.Retention.Compare;
using DumpDist.Retention.IO;
using DumpDist.Sync.Transport;
using DumpDist.TestSupport;

namespace DumpDist.Retention.Tests.Compare;

public sealed class PathOrderTests
{
    [Theory]
    [InlineData("a/b", "a/b/x", -1)]
    [InlineData("a/b/x", "a/b-c", -1)]
    [InlineData("a/b-c", "a/b", 1)]
    [InlineData("a/b", "a/b", 0)]
    [InlineData("a", "b", -1)]
    public void Compare_SlashSortsFirst_KeepsADirectorysEntriesTogether(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(PathOrder.Compare(a, b)));

    [Fact]
    public void Compare_Listings_AMissingDirectoryBesideASimilarName_IsOneDifference()
    {
        var a = Listing(("x", FileKind.Directory), ("x/b", FileKind.Directory), ("x/b/1", FileKind.File), ("x/b/2", FileKind.File), ("x/b-c", FileKind.File));
        var b = Listing(("x", FileKind.Directory), ("x/b-c", FileKind.File));

        var differences = TreeComparer.Compare(a, b);

        var missing = Assert.Single(differences);
        Assert.Equal(("x/b", "only-in-a", "directory, 2 entries beneath"), (missing.Path, missing.Kind, missing.A));
    }

    [Fact]
    public async Task Compare_LocalTrees_AMissingDirectoryBesideASimilarName_IsOneDifference()
    {
        var root = TestPaths.NewTempDirectory("path-order");
        try
        {
            foreach (var side in new[] { "a", "b" })
            {
                Directory.CreateDirectory(Path.Combine(root, side, "x"));
                File.WriteAllText(Path.Combine(root, side, "x/b-c"), "same");
                File.SetLastWriteTimeUtc(Path.Combine(root, side, "x/b-c"), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            }

            Directory.CreateDirectory(Path.Combine(root, "a/x/b/deeper"));
            File.WriteAllText(Path.Combine(root, "a/x/b/deeper/1"), "1");
            File.WriteAllText(Path.Combine(root, "a/x/b/.hidden"), "not published");

            var (report, error) = await new TreeCompare(new RsyncRunner()).RunAsync(Side(Path.Combine(root, "a")), Side(Path.Combine(root, "b")), checksums: false);

            Assert.Null(error);
            var missing = Assert.Single(report!.Differences);
            Assert.Equal(("x/b", "only-in-a", "directory, 2 entries beneath"), (missing.Path, missing.Kind, missing.A));
            Assert.Equal((5L, 2L), (report.EntriesA, report.EntriesB));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static ComparedSide Side(string path) => ComparedSide.Parse(path, out _)!;

    private static TreeListing Listing(params (string Path, FileKind Kind)[] entries)
    {
        var builder = new TreeListingBuilder();
        foreach (var (path, kind) in entries.Reverse())
        {
            builder.Add(path, new TreeEntry(kind, kind == FileKind.File ? 1 : 0, 0));
        }

        return builder.Build("test", wallClockMtimes: false);
    }
}
