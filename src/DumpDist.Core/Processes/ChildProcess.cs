using System.ComponentModel;
using System.Diagnostics;

namespace DumpDist.Core.Processes;

/// <summary>
/// A child started by <see cref="ChildProcessRunner.Start"/>. It leads its own process group
/// (started through util-linux <c>setsid</c>, which execs in place: <see cref="ProcessId"/> is
/// the program's own pid and the group's id), so a stop reaches whatever it forked. When the
/// program could not be started, <see cref="Started"/> is false and <see cref="Completion"/>
/// already holds the <see cref="ChildProcessOutcome.CannotStart"/> result.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const string SetsidExecFailure = "setsid: failed to execute ";
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GroupPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan KillLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GroupLeaderLimit = TimeSpan.FromSeconds(5);
    private static readonly Lazy<string?> Setsid = new(() =>
        ProgramPath.Resolve("setsid", Environment.GetEnvironmentVariable("PATH") + ":/usr/bin:/bin", null).Path);

    private readonly ChildProcessSpec _spec;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly Process? _process;
    private readonly OutputPump? _stdout;
    private readonly OutputPump? _stderr;
    private readonly Task _pumps = Task.CompletedTask;
    private readonly Lock _gate = new();
    private Task? _stopTask;
    private bool _leaderExited;
    private volatile bool _killed;
    private ChildProcessOutcome _outcome = ChildProcessOutcome.Exited;
    private string? _message;

    private ChildProcess(ChildProcessSpec spec, TimeProvider time, long startTimestamp, string startError)
    {
        _spec = spec;
        _time = time;
        _startTimestamp = startTimestamp;
        StartedAt = time.GetUtcNow();
        Completion = Task.FromResult(new ChildProcessResult(
            ChildProcessOutcome.CannotStart, -1, string.Empty, string.Empty, time.GetElapsedTime(startTimestamp), $"cannot start {spec.Program}: {startError}"));
    }

    private ChildProcess(ChildProcessSpec spec, TimeProvider time, long startTimestamp, Process process)
    {
        _spec = spec;
        _time = time;
        _startTimestamp = startTimestamp;
        _process = process;
        StartedAt = time.GetUtcNow();
        ProcessId = process.Id;
        _stdout = new OutputPump(spec.StandardOutput, spec.Name);
        _stderr = new OutputPump(spec.StandardError, spec.Name);
        _pumps = Task.WhenAll(_stdout.RunAsync(process.StandardOutput, process.Id), _stderr.RunAsync(process.StandardError, process.Id));
        Completion = MonitorAsync(process);
    }

    /// <summary>The program's pid, which is also its process group's id; null when it could not be started.</summary>
    public int? ProcessId { get; }

    /// <summary>The program is running or has run (false: see the result's message).</summary>
    public bool Started => ProcessId is not null;

    /// <summary>When it was started (on the runner's clock).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The program's file name, for messages.</summary>
    public string Name => _spec.Name;

    internal ChildProcessSpec Spec => _spec;

    /// <summary>
    /// Completes once the program has exited, whatever was left of its group is gone (stopped like
    /// <see cref="RequestStop"/> does) and its output is read. Never faults.
    /// </summary>
    public Task<ChildProcessResult> Completion { get; }

    /// <summary>
    /// Stops the group: SIGTERM, then SIGKILL once <see cref="ChildProcessSpec.StopGrace"/> has
    /// passed. The result's outcome becomes <see cref="ChildProcessOutcome.Stopped"/> with
    /// <paramref name="reason"/> as its message. Does nothing once the program has exited.
    /// </summary>
    public void RequestStop(string reason) => Stop(ChildProcessOutcome.Stopped, reason);

    /// <summary><see cref="RequestStop"/>, then waits for <see cref="Completion"/>; <paramref name="cancellationToken"/> only abandons the wait.</summary>
    public Task<ChildProcessResult> StopAsync(string reason, CancellationToken cancellationToken)
    {
        RequestStop(reason);
        return Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the group if it still runs and waits until it is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        RequestStop("disposed while running");
        await Completion;
        _process.Dispose();
    }

    internal static ChildProcess Start(ChildProcessSpec spec, TimeProvider time)
    {
        var startTimestamp = time.GetTimestamp();
        string? searchPath = null;
        if (spec.Environment is null || !spec.Environment.TryGetValue("PATH", out searchPath))
        {
            searchPath = Environment.GetEnvironmentVariable("PATH");
        }

        var (program, error) = ProgramPath.Resolve(spec.Program, searchPath, spec.WorkingDirectory);
        if (program is null)
        {
            return new ChildProcess(spec, time, startTimestamp, error!);
        }

        if (Setsid.Value is not { } setsid)
        {
            return new ChildProcess(spec, time, startTimestamp, "setsid (util-linux) is not installed");
        }

        var startInfo = new ProcessStartInfo(setsid)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory ?? string.Empty,
        };

        // setsid(1) execs the program in place (we are not a group leader, so it need not fork).
        startInfo.ArgumentList.Add("--");
        startInfo.ArgumentList.Add(program);
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            return new ChildProcess(spec, time, startTimestamp, ex.Message);
        }

        process.StandardInput.Close();
        WaitUntilGroupLeader(process);
        return new ChildProcess(spec, time, startTimestamp, process);
    }

    /// <summary>
    /// setsid(1) calls setsid(2) about a millisecond after it starts; until then a signal to the
    /// group would find no group. Returning only once it leads its group makes every later group
    /// signal (ours, or a caller's with <see cref="ProcessId"/>) reach it.
    /// </summary>
    private static void WaitUntilGroupLeader(Process process)
    {
        var directory = $"/proc/{process.Id}";
        var waited = Stopwatch.StartNew();
        for (var spin = 0; waited.Elapsed < GroupLeaderLimit; spin++)
        {
            if (ProcessGroup.ReadStat(directory) is not { State: not 'Z' } stat || stat.Group == process.Id)
            {
                return;
            }

            Thread.Sleep(spin < 20 ? 0 : 1);
        }
    }

    internal void Stop(ChildProcessOutcome outcome, string reason)
    {
        lock (_gate)
        {
            if (_process is null || _leaderExited || _stopTask is not null)
            {
                return;
            }

            _outcome = outcome;
            _message = reason;
            _stopTask = Task.Run(() => StopGroupAsync(_process));
        }
    }

    private async Task<ChildProcessResult> MonitorAsync(Process process)
    {
        await process.WaitForExitAsync(CancellationToken.None);
        Task? stop;
        lock (_gate)
        {
            _leaderExited = true;
            stop = _stopTask;
        }

        // Whatever the program left running in its group (a shell's background job) goes with it.
        if (stop is null && ProcessGroup.IsAlive(process.Id))
        {
            stop = StopGroupAsync(process);
        }

        if (stop is not null)
        {
            await stop;
        }

        try
        {
            await _pumps.WaitAsync(DrainLimit);
        }
        catch (TimeoutException)
        {
            // Something outside the group (a daemon that made its own session) holds the pipes.
        }

        return Result(process.ExitCode);
    }

    private async Task StopGroupAsync(Process process)
    {
        // Until setsid(1) has called setsid(2) the group does not exist yet: signal the pid itself.
        if (!PosixSignals.TerminateGroup(process.Id))
        {
            PosixSignals.Terminate(process.Id);
        }

        using (var grace = new CancellationTokenSource(_spec.StopGrace, _time))
        {
            try
            {
                await WaitGroupGoneAsync(process, grace.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Still there after the grace period.
            }
        }

        _killed = true;
        if (!PosixSignals.KillGroup(process.Id))
        {
            KillLeader(process);
        }

        using var limit = new CancellationTokenSource(KillLimit);
        try
        {
            await WaitGroupGoneAsync(process, limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Stuck in uninterruptible sleep (a hung NFS mount): SIGKILL lands when it wakes.
        }
    }

    private static void KillLeader(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static async Task WaitGroupGoneAsync(Process process, CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        while (ProcessGroup.IsAlive(process.Id))
        {
            await Task.Delay(GroupPoll, cancellationToken);
        }
    }

    private ChildProcessResult Result(int exitCode)
    {
        ChildProcessOutcome outcome;
        string? message;
        lock (_gate)
        {
            (outcome, message) = (_outcome, _message);
        }

        var stdout = _stdout!.Captured;
        var stderr = _stderr!.Captured;
        var elapsed = _time.GetElapsedTime(_startTimestamp);
        if (outcome == ChildProcessOutcome.Exited && exitCode is 126 or 127
            && _stderr.FirstLine is { } first && first.StartsWith(SetsidExecFailure, StringComparison.Ordinal))
        {
            // setsid ran but could not exec the program (it changed since we looked, or is not a valid executable).
            var reason = first[SetsidExecFailure.Length..];
            var colon = reason.LastIndexOf(": ", StringComparison.Ordinal);
            return new ChildProcessResult(
                ChildProcessOutcome.CannotStart, -1, stdout, stderr, elapsed, $"cannot start {_spec.Program}: {(colon >= 0 ? reason[(colon + 2)..] : reason)}");
        }

        return new ChildProcessResult(outcome, outcome == ChildProcessOutcome.TimedOut ? -1 : exitCode, stdout, stderr, elapsed, message, _killed);
    }
}
