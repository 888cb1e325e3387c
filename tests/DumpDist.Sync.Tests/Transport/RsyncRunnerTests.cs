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
    public async Task RunAsync_CancelledMidCopy_RsyncAndTheProcessesItForkedAreGone()
    {
        var directory = TestSupport.TestPaths.NewTempDirectory("runner-cancel");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "src"));
            await File.WriteAllBytesAsync(Path.Combine(directory, "src", "big.bin"), new byte[2_000_000]);
            using var cancel = new CancellationTokenSource();
            var seen = new List<int>();
            var run = new RsyncRunner().RunAsync(["-rt", "--bwlimit=100", Path.Combine(directory, "src") + "/", Path.Combine(directory, "dst") + "/"], null, cancel.Token);

            // A local copy is three rsync processes (sender, receiver, generator): wait for all, then cancel.
            var clock = Stopwatch.StartNew();
            while (seen.Count < 3 && clock.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(50);
                seen = Rsyncs(directory);
            }

            var groups = seen.Select(pid => TestSupport.ProcTable.Read(pid)?.Group).Distinct().ToList();
            await cancel.CancelAsync();
            var result = await run;

            Assert.Equal(RsyncOutcome.Cancelled, result.Outcome);
            Assert.Equal(3, seen.Count);
            var group = Assert.Single(groups); // one process group, led by the rsync we started, not ours
            Assert.Contains(group!.Value, seen);
            Assert.All(seen, pid => Assert.False(TestSupport.ProcTable.IsAlive(pid), $"rsync pid {pid} survived the cancellation"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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
    public async Task RunAsync_SourceAcceptsThenGoesSilent_StoppedAsIoTimeout()
    {
        // A "daemon" that accepts the connection and never says a word: rsync would wait forever.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = silent.AcceptSocketAsync();
        var stopwatch = Stopwatch.StartNew();

        var result = await new RsyncRunner().RunAsync(["--list-only", $"rsync://127.0.0.1:{port}/dumps/"], null, CancellationToken.None, ioTimeout: TimeSpan.FromSeconds(1));

        Assert.Equal(RsyncOutcome.Timeout, result.Outcome);
        Assert.Equal(RsyncExitCodes.IoTimeout, result.ExitCode);
        Assert.Contains("no data moved for 1 s (I/O timeout)", result.Describe());
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        (await accepted).Dispose();
    }

    [Fact]
    public async Task RunAsync_SlowButMovingTransfer_NotStoppedByIoTimeout()
    {
        var directory = TestSupport.TestPaths.NewTempDirectory("runner-slow");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "src"));
            await File.WriteAllBytesAsync(Path.Combine(directory, "src", "big.bin"), new byte[600_000]);
            await using var daemon = await TestSupport.RsyncDaemon.StartAsync(Path.Combine(directory, "src"));

            // About 3 s at 200 KiB/s, with a 1 s I/O timeout: data keeps moving, so it must finish.
            var result = await new RsyncRunner().RunAsync(
                ["-rt", "--bwlimit=200", daemon.Url, Path.Combine(directory, "dst") + "/"], null, CancellationToken.None, ioTimeout: TimeSpan.FromSeconds(1));

            Assert.True(result.Succeeded, result.Describe());
            Assert.Equal(600_000, new FileInfo(Path.Combine(directory, "dst", "big.bin")).Length);
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

    /// <summary>The rsync processes whose command line names <paramref name="directory"/>.</summary>
    private static List<int> Rsyncs(string directory) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(n => n!.All(char.IsAsciiDigit))
            .Select(n => int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(pid => TestSupport.ProcTable.Read(pid) is { Command: "rsync", State: not 'Z' } && CommandLine(pid).Contains(directory, StringComparison.Ordinal))
            .ToList();

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
