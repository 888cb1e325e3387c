using DumpDist.TestSupport;

namespace DumpDist.Fixtures.Tests;

public sealed class FixtureOptionsTests
{
    [Theory]
    [InlineData(0, 3, 4096, "--wikis must be between 1 and 50000, got 0")]
    [InlineData(-5, 3, 4096, "--wikis must be between 1 and 50000, got -5")]
    [InlineData(3, 0, 4096, "--runs must be between 1 and 480, got 0")]
    [InlineData(3, 3, 1023, "--scale must be at least 1024 bytes (1 KiB), got 1023")]
    public void Validate_BadNumbers_NamesTheArgument(int wikis, int runs, long scale, string expected)
    {
        var errors = new FixtureOptions("/tmp/dumpdist-never-created", wikis, runs, scale).Validate();

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Validate_NonEmptyDirectory_Refused()
    {
        var dir = TestPaths.NewTempDirectory("fixture-nonempty");
        try
        {
            File.WriteAllText(Path.Combine(dir, "precious.txt"), "keep me");

            var errors = new FixtureOptions(dir).Validate();

            Assert.Equal([$"--out {dir} is not empty; fixture writes only into a new or empty directory so trees never mix"], errors);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Validate_EmptyOrMissingDirectory_Accepted()
    {
        var dir = TestPaths.NewTempDirectory("fixture-empty");
        try
        {
            Assert.Empty(new FixtureOptions(dir).Validate());
            Assert.Empty(new FixtureOptions(Path.Combine(dir, "new")).Validate());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_LeavesNothingBehind()
    {
        var parent = TestPaths.NewTempDirectory("fixture-cancel");
        try
        {
            using var cancellation = new CancellationTokenSource();
            var progress = new FixtureProgress();
            var generation = FixtureGenerator.GenerateAsync(new FixtureOptions(Path.Combine(parent, "tree"), Wikis: 30, Runs: 4, Scale: 4096), progress, cancellation.Token);
            while (progress.Files < 100 && !generation.IsCompleted)
            {
                await Task.Delay(1);
            }

            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generation);
            Assert.True(progress.Files >= 100);
            Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
