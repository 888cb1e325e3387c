using System.Text;

namespace DumpDist.Core.Processes;

/// <summary>
/// A child started by <see cref="ChildProcessRunner.Start"/>. It leads its own process group
/// (posix_spawn with POSIX_SPAWN_SETPGROUP: no shell and no helper process, so
/// <see cref="ProcessId"/> is the program's own pid and its group's id), so a stop reaches
/// whatever it forked. When the program could not be started, <see cref="Started"/> is false and
/// <see cref="Completion"/> already holds the <see cref="ChildProcessOutcome.CannotStart"/> result.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int PipeBufferSize = 16 * 1024;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GroupPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan KillLimit = TimeSpan.FromSeconds(30);

    private readonly ChildProcessSpec _spec;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly SpawnedProcess? _process;
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

    private ChildProcess(ChildProcessSpec spec, TimeProvider time, long startTimestamp, SpawnedProcess process)
    {
        _spec = spec;
        _time = time;
        _startTimestamp = startTimestamp;
        _process = process;
        StartedAt = time.GetUtcNow();
        ProcessId = process.Id;
        _stdout = new OutputPump(spec.StandardOutput, spec.Name, OnHandlerFailed);
        _stderr = new OutputPump(spec.StandardError, spec.Name, OnHandlerFailed);
        _pumps = Task.WhenAll(
            _stdout.RunAsync(new StreamReader(process.StandardOutput, Encoding.UTF8, false, PipeBufferSize), process.Id),
            _stderr.RunAsync(new StreamReader(process.StandardError, Encoding.UTF8, false, PipeBufferSize), process.Id));
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

    /// <summary>What an <see cref="ChildOutput.OnLine"/> callback (or the output logger) threw; the child was then stopped.</summary>
    internal Exception? OutputHandlerFailure => _stdout?.HandlerFailure ?? _stderr?.HandlerFailure;

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

        if (OperatingSystem.IsWindows())
        {
            return new ChildProcess(spec, time, startTimestamp, "child processes need posix_spawn (Linux)");
        }

        if (spec.WorkingDirectory is { } directory && !Directory.Exists(directory))
        {
            return new ChildProcess(spec, time, startTimestamp, $"working directory {directory} does not exist");
        }

        var (process, spawnError) = SpawnedProcess.Start(program, spec.Program, spec.Arguments, spec.WorkingDirectory, spec.Environment);
        return process is null
            ? new ChildProcess(spec, time, startTimestamp, spawnError!)
            : new ChildProcess(spec, time, startTimestamp, process);
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

    private void OnHandlerFailed(Exception exception) => RequestStop($"its output handler failed: {exception.Message}");

    private async Task<ChildProcessResult> MonitorAsync(SpawnedProcess process)
    {
        var exitCode = await process.Exited;
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

        return Result(exitCode);
    }

    private async Task StopGroupAsync(SpawnedProcess process)
    {
        PosixSignals.TerminateGroup(process.Id);
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
        PosixSignals.KillGroup(process.Id);
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

    private static async Task WaitGroupGoneAsync(SpawnedProcess process, CancellationToken cancellationToken)
    {
        await process.Exited.WaitAsync(cancellationToken);
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
        return new ChildProcessResult(outcome, outcome == ChildProcessOutcome.TimedOut ? -1 : exitCode, stdout, stderr, elapsed, message, _killed);
    }
}
