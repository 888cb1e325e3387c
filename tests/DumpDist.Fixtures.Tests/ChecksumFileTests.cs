using DumpDist.TestSupport;

namespace DumpDist.Fixtures.Tests;

[Collection(GeneratedTreeCollection.Name)]
public sealed class ChecksumFileTests(GeneratedTree tree)
{
    [Theory]
    [InlineData("sha1sum", "sha1sums")]
    [InlineData("md5sum", "md5sums")]
    public async Task RunChecksumFile_CheckedByCoreutils_Passes(string program, string kind)
    {
        var checkedRuns = 0;
        foreach (var run in tree.Manifest.Runs)
        {
            var file = $"{run.Wiki}-{run.Date}-{kind}.txt";
            var result = await ExternalProgram.RunAsync(program, ["-c", "--strict", file], tree.RunDirectory(run));

            Assert.True(result.ExitCode == 0, $"{program} -c {file} in {run.RelativePath}: {result.StandardOutput}{result.StandardError}");
            var listed = run.Files.Count(f => f.Listed);
            Assert.Equal(listed, result.StandardOutput.Split('\n').Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));
            checkedRuns++;
        }

        Assert.Equal(8 * 3, checkedRuns);
    }

    [Theory]
    [InlineData("sha1sum", "sha1sums")]
    [InlineData("md5sum", "md5sums")]
    public async Task PerFileChecksumFiles_CheckedByCoreutils_Pass(string program, string kind)
    {
        foreach (var run in tree.Manifest.Runs)
        {
            var perFile = run.Files.Where(f => f.Listed).Select(f => $"{kind}-{f.Name}.txt").ToList();
            Assert.NotEmpty(perFile);

            var result = await ExternalProgram.RunAsync(program, ["-c", "--strict", .. perFile], tree.RunDirectory(run));

            Assert.True(result.ExitCode == 0, $"{program} in {run.RelativePath}: {result.StandardOutput}{result.StandardError}");
        }
    }

    [Fact]
    public async Task OtherDatasetMd5sums_CheckedByCoreutils_Pass()
    {
        var sumFiles = Directory.EnumerateFiles(Path.Combine(tree.Root, "public", "other"), "*md5sums.txt", SearchOption.AllDirectories).ToList();
        Assert.Equal(3 + 1, sumFiles.Count); // one per wikibase week, one for pageviews 2026-11

        foreach (var sumFile in sumFiles)
        {
            var result = await ExternalProgram.RunAsync("md5sum", ["-c", "--strict", Path.GetFileName(sumFile)], Path.GetDirectoryName(sumFile));
            Assert.True(result.ExitCode == 0, $"md5sum -c {sumFile}: {result.StandardOutput}{result.StandardError}");
        }
    }

    [Fact]
    public void ChecksumJson_ListsSameSumsAsText()
    {
        foreach (var run in tree.Manifest.Runs)
        {
            var dir = tree.RunDirectory(run);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, $"{run.Wiki}-{run.Date}-sha1sums.json")));
            var fromJson = json.RootElement.GetProperty("sha1").GetProperty("files").EnumerateObject()
                .Select(p => $"{p.Value.GetString()}  {p.Name}");
            var fromText = File.ReadAllLines(Path.Combine(dir, $"{run.Wiki}-{run.Date}-sha1sums.txt"));

            Assert.Equal(fromText, fromJson);
        }
    }
}
