using DumpDist.Core.Processes;
using System.Diagnostics;
using System.Text;

namespace DumpDist.Sync.Transport;

/// <summary>
/// The one wrapper that runs rsync: arguments as a list (never a shell string), stdout streamed
/// line by line to a callback, exit code mapped to an <see cref="RsyncOutcome"/>, and the process
/// killed when the token is cancelled.
/// </summary>
public sealed class RsyncRunner
{
    private const int StderrTailChars = 4000;
    private static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(5);
    private readonly string _rsyncPath;

    /// <summary>Creates a runner for the given rsync executable (default: `rsync` on PATH).</summary>
    public RsyncRunner(string rsyncPath = "rsync")
    {
        _rsyncPath = rsyncPath;
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
        var startInfo = new ProcessStartInfo(_rsyncPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Plain C locale so rsync's messages and numbers are stable to parse.
        startInfo.Environment["LC_ALL"] = "C";
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new RsyncResult(RsyncOutcome.Error, -1, $"could not start {_rsyncPath}: {ex.Message}", stopwatch.Elapsed);
        }

        var stderr = new StringBuilder();
        var stdoutTask = PumpAsync(process.StandardOutput, line => onOutputLine?.Invoke(line));
        var stderrTask = PumpAsync(process.StandardError, line =>
        {
            lock (stderr)
            {
                stderr.AppendLine(line);
                if (stderr.Length > StderrTailChars * 2)
                {
                    stderr.Remove(0, stderr.Length - StderrTailChars);
                }
            }
        });

        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchdog = ioTimeout > TimeSpan.Zero ? WatchAsync(process.Id, ioTimeout, stalled) : Task.CompletedTask;
        try
        {
            await process.WaitForExitAsync(stalled.Token);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            await Task.WhenAll(stdoutTask, stderrTask);
            if (!cancellationToken.IsCancellationRequested)
            {
                var message = $"rsync: no data moved for {ioTimeout.TotalSeconds:0.#} s (I/O timeout); stopped it\n{stderr}";
                return new RsyncResult(RsyncOutcome.Timeout, RsyncExitCodes.IoTimeout, message, stopwatch.Elapsed);
            }

            return new RsyncResult(RsyncOutcome.Cancelled, process.ExitCode, stderr.ToString(), stopwatch.Elapsed);
        }
        finally
        {
            await stalled.CancelAsync();
            await watchdog;
        }

        await Task.WhenAll(stdoutTask, stderrTask);
        return new RsyncResult(RsyncExitCodes.Map(process.ExitCode), process.ExitCode, stderr.ToString(), stopwatch.Elapsed);
    }

    /// <summary>Cancels <paramref name="stalled"/> when the process tree shows no activity for <paramref name="ioTimeout"/>.</summary>
    private static async Task WatchAsync(int pid, TimeSpan ioTimeout, CancellationTokenSource stalled)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(ioTimeout.TotalMilliseconds / 4, 50, 5000));
        using var timer = new PeriodicTimer(interval);
        var last = ProcessActivity.Read(pid);
        var lastChange = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stalled.Token))
            {
                var now = ProcessActivity.Read(pid);
                if (now != last)
                {
                    (last, lastChange) = (now, Stopwatch.GetTimestamp());
                }
                else if (Stopwatch.GetElapsedTime(lastChange) >= ioTimeout)
                {
                    await stalled.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // rsync exited, or the pass was cancelled.
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            onLine(line);
        }
    }

    /// <summary>
    /// SIGTERM first, so rsync removes its temp files (or keeps a partial file in the partial-dir
    /// to resume from); SIGKILL to the whole tree if it has not exited after a grace period.
    /// </summary>
    private static async Task StopAsync(Process process)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = PosixSignals.Terminate(process.Id);
            using var grace = new CancellationTokenSource(TerminateGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Fall through to SIGKILL.
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await process.WaitForExitAsync(CancellationToken.None);
    }
}
