using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

public sealed class FixtureCommandTests
{
    [Fact]
    public async Task Fixture_TwentyWikisThreeRuns_ExitsZeroPrintsSummary_EverySha1sumsVerifies()
    {
        var parent = TestPaths.NewTempDirectory("fixture-cli");
        try
        {
            var output = Path.Combine(parent, "x");

            // --scale keeps the test tree small (about 15 MB); names, runs and states do not depend on it.
            var result = await DumpDistProcess.RunAsync("fixture", "--out", output, "--wikis", "20", "--runs", "3", "--scale", "262144");

            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.Matches(@"(?m)^wikis +20 \(2 huge, 6 big, 12 small\)$", result.StandardOutput);
            Assert.Matches(@"(?m)^runs +60 \(\d+ done, \d+ in-progress, \d+ failed\)$", result.StandardOutput);
            Assert.Matches(@"(?m)^files +\d+ regular, \d+ symlinks", result.StandardOutput);
            Assert.Matches(@"(?m)^elapsed +\d+\.\d s", result.StandardOutput);

            var sumFiles = Directory.EnumerateFiles(Path.Combine(output, "public"), "*-sha1sums.txt", SearchOption.AllDirectories).ToList();
            Assert.Equal(60, sumFiles.Count);
            foreach (var sumFile in sumFiles)
            {
                var check = await ExternalProgram.RunAsync("sha1sum", ["-c", "--strict", "--quiet", Path.GetFileName(sumFile)], Path.GetDirectoryName(sumFile));
                Assert.True(check.ExitCode == 0, $"sha1sum -c {sumFile}: {check.StandardOutput}{check.StandardError}");
            }

            Assert.Empty(Directory.EnumerateDirectories(parent, ".x.fixture-partial-*", SearchOption.TopDirectoryOnly));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Theory]
    [InlineData("--wikis", "0", "--wikis must be between 1 and 50000, got 0")]
    [InlineData("--runs", "0", "--runs must be between 1 and 480, got 0")]
    [InlineData("--scale", "100", "--scale must be at least 1024 bytes (1 KiB), got 100")]
    public async Task Fixture_BadNumber_ExitsTwoNamingTheArgument(string option, string value, string message)
    {
        var parent = TestPaths.NewTempDirectory("fixture-cli");
        try
        {
            var result = await DumpDistProcess.RunAsync("fixture", "--out", Path.Combine(parent, "x"), option, value);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"dumpdist fixture: {message}\n", result.StandardError);
            Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Fixture_NonEmptyOut_ExitsTwoAndTouchesNothing()
    {
        var output = TestPaths.NewTempDirectory("fixture-cli");
        try
        {
            var precious = Path.Combine(output, "precious.txt");
            await File.WriteAllTextAsync(precious, "keep me");

            var result = await DumpDistProcess.RunAsync("fixture", "--out", output, "--wikis", "2", "--runs", "1");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"--out {output} is not empty", result.StandardError);
            Assert.Equal([precious], Directory.EnumerateFileSystemEntries(output));
            Assert.Equal("keep me", await File.ReadAllTextAsync(precious));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
