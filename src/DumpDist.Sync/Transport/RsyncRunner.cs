using System.Diagnostics;
using DumpDist.Core.Processes;

namespace DumpDist.Sync.Transport;

/// <summary>
/// The one wrapper that runs rsync, through <see cref="ChildProcessRunner"/> (no shell, no extra
/// process, rsync in its own process group): stdout streamed line by line to a callback, exit code
/// mapped to an <see cref="RsyncOutcome"/>, and the group stopped (SIGTERM, SIGKILL after 5 s) when
/// the token is cancelled or the I/O watchdog fires.
/// </summary>
public sealed class RsyncRunner
{
    private const int StderrTailChars = 4000;
    private static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(5);
    private static readonly IReadOnlyDictionary<string, string?> CLocale = new Dictionary<string, string?> { ["LC_ALL"] = "C" };
    private readonly string _rsyncPath;
    private readonly ChildProcessRunner _runner;

    /// <summary>Creates a runner for the given rsync executable (default: `rsync` on PATH).</summary>
    public RsyncRunner(string rsyncPath = "rsync", ChildProcessRunner? runner = null)
    {
        _rsyncPath = rsyncPath;
        _runner = runner ?? new ChildProcessRunner();
    }

    /// <summary>
    /// Runs rsync with <paramref name="arguments"/>; <paramref name="onOutputLine"/> sees each stdout
    /// line. With a positive <paramref name="ioTimeout"/>, rsync is stopped (outcome
    /// <see cref="RsyncOutcome.Timeout"/>) once its process tree has read, written and computed
    /// nothing for that long (see <see cref="ProcessActivity"/>). With <paramref name="logFile"/>,
    /// rsync is told to log there too (--log-file; the arguments give --log-file-format), and once
    /// it has exited <paramref name="onOutputLine"/> also sees each logged line without rsync's
    /// date and pid prefix; the file is then deleted.
    /// </summary>
    /// <remarks>
    /// rsync writes each --out-format line to stdout with its own write(): 20,000 files mean
    /// 20,000 wake-ups of this process while rsync competes for the same cores (a 20,000-file,
    /// 20 MB copy's data stage took 0.9 s that way, 0.7 s with the log file). Logged to a file, the per-file lines cost rsync nothing extra.
    /// The I/O timeout is watched here rather than passed as rsync's --timeout: that option makes
    /// the daemon send an extra small message before its file list, which then waits out Nagle
    /// against our delayed ACK, about 40 ms on every run.
    /// </remarks>
    public async Task<RsyncResult> RunAsync(
        IReadOnlyList<string> arguments,
        Action<string>? onOutputLine,
        CancellationToken cancellationToken,
        string? logFile = null,
        TimeSpan ioTimeout = default)
    {
        try
        {
            var result = await RunProcessAsync(logFile is null ? arguments : ["--log-file=" + logFile, .. arguments], onOutputLine, ioTimeout, cancellationToken);
            if (logFile is not null && onOutputLine is not null && result.Outcome != RsyncOutcome.Cancelled && File.Exists(logFile))
            {
                ReplayLog(logFile, onOutputLine);
            }

            return result;
        }
        finally
        {
            if (logFile is not null)
            {
                File.Delete(logFile);
            }
        }
    }

    /// <summary>Passes each line of an rsync log file, without its "YYYY/MM/DD HH:MM:SS [pid] " prefix.</summary>
    private static void ReplayLog(string logFile, Action<string> onLine)
    {
        foreach (var line in File.ReadLines(logFile))
        {
            var pid = line.IndexOf("] ", StringComparison.Ordinal);
            onLine(pid >= 0 && line.Length > 20 && line[20] == '[' ? line[(pid + 2)..] : line);
        }
    }

    private async Task<RsyncResult> RunProcessAsync(
        IReadOnlyList<string> arguments,
        Action<string>? onOutputLine,
        TimeSpan ioTimeout,
        CancellationToken cancellationToken)
    {
        var spec = new ChildProcessSpec(_rsyncPath, arguments)
        {
            // Plain C locale so rsync's messages and numbers are stable to parse.
            Environment = CLocale,
            StandardOutput = onOutputLine is null ? ChildOutput.Discard : ChildOutput.Lines(onOutputLine),
            StandardError = ChildOutput.Capture(StderrTailChars * 2),

            // SIGTERM first, so rsync removes its temp files (or keeps a partial file in the
            // partial-dir to resume from); SIGKILL to the whole group after the grace period.
            StopGrace = TerminateGrace,
        };

        var stalled = false;
        var started = Stopwatch.GetTimestamp();
        ChildProcessResult result;
        try
        {
            result = await _runner.RunAsync(
                spec,
                ioTimeout > TimeSpan.Zero
                    ? (child, exited) => WatchAsync(child.ProcessId!.Value, ioTimeout, () =>
                    {
                        stalled = true;
                        child.RequestStop("I/O timeout");
                    }, exited)
                    : null,
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // rsync's group got SIGTERM (SIGKILL after the grace period) and is gone.
            return new RsyncResult(RsyncOutcome.Cancelled, -1, string.Empty, Stopwatch.GetElapsedTime(started));
        }

        if (result.Outcome == ChildProcessOutcome.CannotStart)
        {
            return new RsyncResult(RsyncOutcome.Error, -1, $"could not start {_rsyncPath}: {result.Message}", result.Elapsed);
        }

        if (stalled && result.Outcome == ChildProcessOutcome.Stopped)
        {
            var message = $"rsync: no data moved for {ioTimeout.TotalSeconds:0.#} s (I/O timeout); stopped it\n{result.StandardError}";
            return new RsyncResult(RsyncOutcome.Timeout, RsyncExitCodes.IoTimeout, message, result.Elapsed);
        }

        return new RsyncResult(RsyncExitCodes.Map(result.ExitCode), result.ExitCode, result.StandardError, result.Elapsed);
    }

    /// <summary>Calls <paramref name="onStalled"/> when the process tree shows no activity for <paramref name="ioTimeout"/>.</summary>
    private static async Task WatchAsync(int pid, TimeSpan ioTimeout, Action onStalled, CancellationToken exited)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(ioTimeout.TotalMilliseconds / 4, 50, 5000));
        using var timer = new PeriodicTimer(interval);
        var last = ProcessActivity.Read(pid);
        var lastChange = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(exited))
            {
                var now = ProcessActivity.Read(pid);
                if (now != last)
                {
                    (last, lastChange) = (now, Stopwatch.GetTimestamp());
                }
                else if (Stopwatch.GetElapsedTime(lastChange) >= ioTimeout)
                {
                    onStalled();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // rsync exited.
        }
    }
}
