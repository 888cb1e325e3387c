using System.Diagnostics;
using DumpDist.Nfs.Processes;

namespace DumpDist.Nfs.Tests.Processes;

public sealed class ProcessRunnerTests
{
    private readonly ProcessRunner _runner = new();

    [Fact]
    public async Task RunAsync_ArgumentsWithSpacesAndQuotes_PassedVerbatim()
    {
        var result = await _runner.RunAsync("printf", ["%s|", "a b", "'c'", "$HOME"], TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("a b|'c'|$HOME|", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_DescribesFirstStderrLine()
    {
        var result = await _runner.RunAsync("sh", ["-c", "echo oops >&2; echo more >&2; exit 3"], TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("sh exited with 3: oops", result.Describe("sh"));
    }

    [Fact]
    public async Task RunAsync_MissingProgram_IsStartError()
    {
        var result = await _runner.RunAsync("/nonexistent/dumpdist-no-such-program", [], TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("cannot start", result.StartError);
    }

    [Fact]
    public async Task RunAsync_Overruns_KilledAtTimeout()
    {
        var clock = Stopwatch.StartNew();

        var result = await _runner.RunAsync("sleep", ["30"], TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("killed after", result.StartError);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }
}
