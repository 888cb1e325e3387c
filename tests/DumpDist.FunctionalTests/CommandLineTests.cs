namespace DumpDist.FunctionalTests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_ListsExistingSubcommands_ExitsZero()
    {
        var result = await DumpDistProcess.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("fixture", result.StandardOutput);
        Assert.Contains("config", result.StandardOutput);
    }

    [Fact]
    public async Task Version_PrintsVersion_ExitsZero()
    {
        var result = await DumpDistProcess.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("fixture", "--wikis", "3")]
    [InlineData("config", "check")]
    public async Task UsageError_PrintsUsageToStderr_ExitsTwo(params string[] arguments)
    {
        var result = await DumpDistProcess.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.StandardError);
        Assert.Equal(string.Empty, result.StandardOutput);
    }
}
