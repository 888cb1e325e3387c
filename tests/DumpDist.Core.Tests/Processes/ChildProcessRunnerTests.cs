using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using DumpDist.Core.Processes;
using DumpDist.Core.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Tests.Processes;

// Real children, /proc and posix_spawn: Linux only.
[SupportedOSPlatform("linux")]
public sealed class ChildProcessRunnerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly ChildProcessRunner _runner = new();

    /// <summary>A wide bound for real processes to get somewhere, never the assertion itself.</summary>
    private static Task<bool> Soon(Func<bool> condition) => Eventually.TrueAsync(condition, TimeSpan.FromSeconds(20));

    [Fact]
    public async Task RunAsync_ArgumentsWithSpacesAndQuotes_PassedVerbatim()
    {
        var result = await _runner.RunAsync(new ChildProcessSpec("printf", ["%s|", "a b", "'c'", "$HOME", "-x"]), CancellationToken.None);

        Assert.True(result.Succeeded, result.Describe("printf"));
        Assert.Equal("a b|'c'|$HOME|-x|", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_DescribesFirstStderrLine()
    {
        var result = await _runner.RunAsync(new ChildProcessSpec("sh", ["-c", "echo oops >&2; echo more >&2; exit 3"]), CancellationToken.None);

        Assert.Equal(ChildProcessOutcome.Exited, result.Outcome);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("sh exited with 3: oops", result.Describe("sh"));
    }

    [Theory]
    [InlineData("/nonexistent/dumpdist-no-such-program", "no such file")]
    [InlineData("dumpdist-no-such-program", "not found on PATH")]
    public async Task RunAsync_MissingProgram_CannotStartResult(string program, string reason)
    {
        var result = await _runner.RunAsync(new ChildProcessSpec(program, []), CancellationToken.None);

        Assert.Equal(ChildProcessOutcome.CannotStart, result.Outcome);
        Assert.Equal(-1, result.ExitCode);
        Assert.Equal($"cannot start {program}: {reason}", result.Message);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RunAsync_MissingWorkingDirectory_CannotStartResult()
    {
        var result = await _runner.RunAsync(new ChildProcessSpec("true", []) { WorkingDirectory = "/nonexistent/dumpdist-cwd" }, CancellationToken.None);

        Assert.Equal(ChildProcessOutcome.CannotStart, result.Outcome);
        Assert.Equal("cannot start true: working directory /nonexistent/dumpdist-cwd does not exist", result.Message);
    }

    [Fact]
    public async Task RunAsync_FileNotExecutable_CannotStartResult()
    {
        var directory = TestPaths.NewTempDirectory("runner-noexec");
        try
        {
            var script = Path.Combine(directory, "script");
            await File.WriteAllTextAsync(script, "#!/bin/sh\necho hi\n");

            var result = await _runner.RunAsync(new ChildProcessSpec(script, []), CancellationToken.None);

            Assert.Equal(ChildProcessOutcome.CannotStart, result.Outcome);
            Assert.Contains("not executable", result.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_ExecFails_CannotStartResultWithTheError()
    {
        var directory = TestPaths.NewTempDirectory("runner-badexec");
        try
        {
            // Executable, but its interpreter is missing: only execve(2) itself can tell.
            var program = Path.Combine(directory, "script");
            await File.WriteAllTextAsync(program, "#!/nonexistent/interpreter\n");
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);

            var result = await _runner.RunAsync(new ChildProcessSpec(program, []), CancellationToken.None);

            Assert.Equal(ChildProcessOutcome.CannotStart, result.Outcome);
            Assert.Equal(-1, result.ExitCode);
            Assert.Equal($"cannot start {program}: No such file or directory", result.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_Program_LeadsItsOwnGroupWithNoHelperProcess()
    {
        await using var child = _runner.Start(new ChildProcessSpec("sleep", ["30"]));
        var pid = child.ProcessId!.Value;

        var entry = ProcTable.Read(pid);

        // posix_spawn has returned after the exec: the pid is sleep's own, our child, leading a new group in our session.
        Assert.NotNull(entry);
        Assert.Equal("sleep", entry.Command);
        Assert.Equal(Environment.ProcessId, entry.ParentPid);
        Assert.Equal(pid, entry.Group);
        Assert.Equal(ProcTable.Read(Environment.ProcessId)!.Session, entry.Session);
        Assert.Equal([pid], ProcTable.GroupMembers(pid).Select(e => e.Pid));
    }

    [Fact]
    public async Task RunAsync_Overruns_TimedOutAndWholeGroupGone()
    {
        var pids = new List<int>();
        var clock = Stopwatch.StartNew();

        var result = await _runner.RunAsync(
            new ChildProcessSpec("sh", ["-c", "sleep 1000 & sleep 1000"]) { Timeout = TimeSpan.FromMilliseconds(500) },
            async (child, exited) =>
            {
                await Soon(() => ProcTable.GroupMembers(child.ProcessId!.Value).Count(e => e.Command == "sleep") == 2);
                pids.AddRange(ProcTable.GroupMembers(child.ProcessId!.Value).Select(e => e.Pid));
            },
            CancellationToken.None);

        Assert.Equal(ChildProcessOutcome.TimedOut, result.Outcome);
        Assert.Equal(-1, result.ExitCode);
        Assert.Equal("sh: killed after 0.5 s without finishing", result.Describe("sh"));
        Assert.False(result.Killed);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), Limit);
        Assert.True(pids.Count >= 2, "the shell's two sleeps were not seen");
        Assert.All(pids, pid => Assert.False(ProcTable.IsAlive(pid), $"pid {pid} survived"));
    }

    [Fact]
    public async Task RunAsync_IgnoresSigterm_KilledAfterGrace()
    {
        var pids = new List<int>();
        var grace = TimeSpan.FromMilliseconds(700);
        var clock = Stopwatch.StartNew();

        // Ignored signals are inherited across exec: the background sleep ignores SIGTERM too.
        var result = await _runner.RunAsync(
            new ChildProcessSpec("sh", ["-c", "trap '' TERM; sleep 1000 & sleep 1000"]) { Timeout = TimeSpan.FromMilliseconds(300), StopGrace = grace },
            async (child, exited) =>
            {
                await Soon(() => ProcTable.GroupMembers(child.ProcessId!.Value).Count(e => e.Command == "sleep") == 2);
                pids.AddRange(ProcTable.GroupMembers(child.ProcessId!.Value).Select(e => e.Pid));
            },
            CancellationToken.None);

        Assert.Equal(ChildProcessOutcome.TimedOut, result.Outcome);
        Assert.True(result.Killed);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(300) + grace - TimeSpan.FromMilliseconds(50), Limit);
        Assert.True(pids.Count >= 2);
        Assert.All(pids, pid => Assert.False(ProcTable.IsAlive(pid), $"pid {pid} survived SIGKILL"));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOnceGroupIsGone()
    {
        using var cancel = new CancellationTokenSource();
        int? pid = null;

        var run = _runner.RunAsync(
            new ChildProcessSpec("sh", ["-c", "sleep 1000 & sleep 1000"]),
            async (child, exited) =>
            {
                pid = child.ProcessId;
                await Soon(() => ProcTable.GroupMembers(child.ProcessId!.Value).Count >= 2);
                await cancel.CancelAsync();
            },
            cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.NotNull(pid);
        Assert.Empty(ProcTable.GroupMembers(pid.Value));
    }

    [Fact]
    public async Task RunAsync_LeaderExitsLeavingBackgroundJob_JobStoppedAndOutputRead()
    {
        var result = await _runner.RunAsync(new ChildProcessSpec("sh", ["-c", "sleep 1000 & echo $!"]) { Timeout = Limit }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Describe("sh"));
        var job = int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        Assert.False(ProcTable.IsAlive(job), $"background job {job} survived its shell");
        Assert.InRange(result.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunAsync_WhileRunningRequestsStop_StoppedWithReasonAndExitCode()
    {
        var result = await _runner.RunAsync(
            new ChildProcessSpec("sleep", ["1000"]),
            (child, exited) =>
            {
                child.RequestStop("no data moved");
                return Task.CompletedTask;
            },
            CancellationToken.None);

        Assert.Equal(ChildProcessOutcome.Stopped, result.Outcome);
        Assert.Equal("no data moved", result.Message);
        Assert.Equal(128 + 15, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_LineCallbackThrows_ChildStoppedAndExceptionRethrown()
    {
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FormatException>(() => _runner.RunAsync(
            new ChildProcessSpec("sh", ["-c", "echo bad; exec sleep 1000"]) { StandardOutput = ChildOutput.Lines(_ => throw new FormatException("unparsable")) },
            CancellationToken.None));

        Assert.Equal("unparsable", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Limit);
    }

    [Fact]
    public async Task RunAsync_Stdin_ClosedSoReadersSeeEof()
    {
        var result = await _runner.RunAsync(new ChildProcessSpec("cat", []) { Timeout = Limit }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Describe("cat"));
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_EnvironmentAndWorkingDirectory_AppliedToChild()
    {
        var directory = TestPaths.NewTempDirectory("runner-cwd");
        try
        {
            var result = await _runner.RunAsync(
                new ChildProcessSpec("sh", ["-c", "echo \"$DUMPDIST_TEST|${HOME:-unset}\"; pwd"])
                {
                    WorkingDirectory = directory,
                    Environment = new Dictionary<string, string?> { ["DUMPDIST_TEST"] = "a b", ["HOME"] = null },
                },
                CancellationToken.None);

            Assert.Equal($"a b|unset\n{directory}\n", result.StandardOutput);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_LinesToCallbackAndLogger_EachLineInOrderWithoutBreaks()
    {
        var lines = new List<string>();
        var logger = new ListLogger();

        var result = await _runner.RunAsync(
            new ChildProcessSpec("printf", ["one\ntwo\r\n\nlast"])
            {
                StandardOutput = ChildOutput.Lines(lines.Add) with { Logger = logger, LogLevel = LogLevel.Debug },
            },
            CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(["one", "two", string.Empty, "last"], lines);
        Assert.Equal(string.Empty, result.StandardOutput); // not captured
        Assert.Equal(4, logger.Entries.Count);
        Assert.All(logger.Entries, e => Assert.Equal((1305, LogLevel.Debug), (e.EventId, e.Level)));
        Assert.Matches(@"^printf\[\d+\]: two$", logger.Entries[1].Message);
    }

    [Fact]
    public async Task RunAsync_RunawayOutput_CaptureKeepsHeadAndTailWithinLimit()
    {
        var result = await _runner.RunAsync(
            new ChildProcessSpec("sh", ["-c", "echo first; seq 1 200000; echo last"]) { StandardOutput = ChildOutput.Capture(1000) },
            CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.StartsWith("first\n1\n2\n", result.StandardOutput);
        Assert.EndsWith("200000\nlast\n", result.StandardOutput);
        Assert.Contains("characters omitted", result.StandardOutput);
        Assert.InRange(result.StandardOutput.Length, 1000, 1100);
    }
}
