using DumpDist.Retention.IO;
using DumpDist.Retention.Tests.Support;
using DumpDist.TestSupport;

namespace DumpDist.Retention.Tests.IO;

/// <summary>The du-like walk against coreutils du on the cases du is careful about.</summary>
public sealed class DiskUsageTests : IDisposable
{
    private readonly string _root = TestPaths.NewTempDirectory("du");

    [Fact]
    public async Task Measure_HardLinksSymlinksAndASparseFile_AgreesWithDu()
    {
        Directory.CreateDirectory(Path.Combine(_root, "d/e"));
        File.WriteAllText(Path.Combine(_root, "d/e/file"), new string('a', 10_000));
        File.CreateSymbolicLink(Path.Combine(_root, "d/link-to-dir"), "e");
        File.CreateSymbolicLink(Path.Combine(_root, "outside"), "/usr");
        Assert.Equal(0, (await ExternalProgram.RunAsync("ln", [Path.Combine(_root, "d/e/file"), Path.Combine(_root, "hardlink")])).ExitCode);
        using (var sparse = File.Create(Path.Combine(_root, "sparse")))
        {
            sparse.SetLength(50_000_000);
        }

        var totals = DiskUsage.Measure(_root);

        Assert.Equal(await Du.BytesAsync(false, _root), totals.Allocated);
        Assert.Equal(await Du.BytesAsync(true, _root), totals.Apparent);
        Assert.Equal((3, 3, 2), (totals.Files, totals.Directories, totals.Symlinks));
    }

    [Fact]
    public void Measure_MissingPath_IsZero() => Assert.Equal(default, DiskUsage.Measure(Path.Combine(_root, "nothing")));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
