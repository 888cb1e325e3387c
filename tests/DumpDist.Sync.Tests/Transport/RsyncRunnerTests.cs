using System.Diagnostics;
using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Tests.Transport;

public sealed class RsyncRunnerTests
{
    [Fact]
    public async Task RunAsync_Cancelled_KillsProcessAndReportsCancelled()
    {
        // Any program stands in for rsync here: the wrapper's contract is the process, not the flags.
        var runner = new RsyncRunner("sleep");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var stopwatch = Stopwatch.StartNew();

        var result = await runner.RunAsync(["30"], null, cancel.Token);

        Assert.Equal(RsyncOutcome.Cancelled, result.Outcome);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunAsync_WithLogFile_ReplaysEachLoggedChangeWithoutPrefixAndDeletesTheLog()
    {
        var directory = TestSupport.TestPaths.NewTempDirectory("runner-log");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "src", "run"));
            await File.WriteAllTextAsync(Path.Combine(directory, "src", "run", "a.gz"), "12345");
            var log = Path.Combine(directory, "rsync.log");
            var lines = new List<string>();

            var result = await new RsyncRunner().RunAsync(
                ["-rlpt", "--log-file-format=" + ItemizedChange.OutFormat, Path.Combine(directory, "src") + "/", Path.Combine(directory, "dst") + "/"],
                lines.Add,
                CancellationToken.None,
                log);

            Assert.Equal(RsyncOutcome.Ok, result.Outcome);
            Assert.Contains(">f+++++++++|5|run/a.gz", lines);
            Assert.Contains(lines, l => ItemizedChange.TryParse(l) is { IsFileTransfer: true, Path: "run/a.gz", Length: 5 });
            Assert.False(File.Exists(log));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_RealRsync_StreamsLinesAndMapsExitCode()
    {
        var directory = TestSupport.TestPaths.NewTempDirectory("runner");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "a.txt"), "a");
            var lines = new List<string>();

            var ok = await new RsyncRunner().RunAsync(["--list-only", "-r", "--no-h", directory + "/"], lines.Add, CancellationToken.None);
            var missing = await new RsyncRunner().RunAsync(["--list-only", Path.Combine(directory, "nope") + "/"], null, CancellationToken.None);

            Assert.Equal(RsyncOutcome.Ok, ok.Outcome);
            Assert.Contains(lines, l => l.EndsWith(" a.txt", StringComparison.Ordinal));
            Assert.Equal(23, missing.ExitCode);
            Assert.Equal(RsyncOutcome.Partial, missing.Outcome);
            Assert.Contains("No such file or directory", missing.Describe());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_MissingProgram_ErrorResultNotException()
    {
        var result = await new RsyncRunner("/nonexistent/rsync").RunAsync([], null, CancellationToken.None);

        Assert.Equal(RsyncOutcome.Error, result.Outcome);
        Assert.Contains("could not start", result.StandardError);
    }
}
