using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Processes;

/// <summary>
/// Keeps a long-running child up (ganesha.nfsd, <c>rsync --daemon --no-detach</c>): runs the
/// before-start hook, starts the child in its own process group, logs its output lines, restarts it
/// with exponential backoff when it exits, restarts it at once on <see cref="RestartAsync"/>, and on
/// host shutdown stops it (SIGTERM to the group, SIGKILL after the spec's grace period). All waits
/// are on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ProcessSupervisor : BackgroundService
{
    private readonly ProcessSupervisorOptions _options;
    private readonly ChildProcessRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ProcessSupervisorStatus _status = new(false, null, 0, null, null);
    private TaskCompletionSource _wake = NewSignal();
    private TaskCompletionSource? _pendingRestart;
    private bool _executing;

    /// <summary>Creates a supervisor that logs its decisions and the child's lines to <paramref name="logger"/>.</summary>
    public ProcessSupervisor(ProcessSupervisorOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options.Spec);
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _runner = new ChildProcessRunner(timeProvider);
    }

    /// <summary>The current state; safe to read from any thread.</summary>
    public ProcessSupervisorStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>
    /// Stops the running child (SIGTERM, SIGKILL after the grace period) and starts a new one at
    /// once, skipping any backoff wait; returns when the new child has started or failed to.
    /// Does nothing while the supervisor is not running (its next start picks up any change).
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        Task done;
        lock (_gate)
        {
            if (!_executing)
            {
                return;
            }

            _pendingRestart ??= NewSignal();
            done = _pendingRestart.Task;
            _wake.TrySetResult();
        }

        await done.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lock (_gate)
        {
            _executing = true;
        }

        try
        {
            await SuperviseAsync(stoppingToken);
        }
        finally
        {
            lock (_gate)
            {
                _executing = false;
                _pendingRestart?.TrySetResult();
                _pendingRestart = null;
            }
        }
    }

    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        var backoff = new RestartBackoff(_options.InitialBackoff, _options.MaxBackoff, _options.StableAfter);
        var stopping = NewSignal();
        using var onStop = stoppingToken.Register(() => stopping.TrySetResult());
        while (!stoppingToken.IsCancellationRequested)
        {
            Task wake;
            TaskCompletionSource? restart;
            lock (_gate)
            {
                if (_wake.Task.IsCompleted)
                {
                    _wake = NewSignal();
                }

                wake = _wake.Task;
                (restart, _pendingRestart) = (_pendingRestart, null);
            }

            var (child, error) = await StartChildAsync(stoppingToken);
            restart?.TrySetResult();
            if (stoppingToken.IsCancellationRequested)
            {
                if (child is not null)
                {
                    await StopChildAsync(child, "host shutdown");
                }

                return;
            }

            if (child is null)
            {
                var wait = backoff.AfterStartFailure();
                var reason = error ?? "unknown";
                SetStatus(s => s with { Running = false, ProcessId = null, StartedAt = null, Restarts = s.Restarts + 1, LastError = reason });
                ProcessLog.StartFailed(_logger, _options.Name, reason, wait);
                await WaitAsync(wait, wake, stopping.Task, stoppingToken);
                continue;
            }

            var pid = child.ProcessId!.Value;
            SetStatus(s => s with { Running = true, ProcessId = pid, StartedAt = child.StartedAt, LastError = null });
            ProcessLog.Started(_logger, _options.Name, pid);
            using var exited = new CancellationTokenSource();
            var hook = WhileRunningAsync(child, exited.Token);
            await Task.WhenAny(child.Completion, wake, stopping.Task);
            if (!child.Completion.IsCompleted)
            {
                var requested = !stoppingToken.IsCancellationRequested;
                if (requested)
                {
                    ProcessLog.Restarting(_logger, _options.Name, pid);
                }

                await exited.CancelAsync();
                await hook;
                await StopChildAsync(child, requested ? "restart requested" : "host shutdown");
                backoff.Reset();
                continue;
            }

            var result = await child.Completion;
            await exited.CancelAsync();
            await hook;
            if (child.OutputHandlerFailure is { } failure)
            {
                ProcessLog.HookFailed(_logger, failure, _options.Name, "output");
            }

            await child.DisposeAsync();
            var uptime = _time.GetUtcNow() - child.StartedAt;
            var backoffWait = backoff.AfterExit(uptime);
            var status = SetStatus(s => s with { Running = false, ProcessId = null, StartedAt = null, Restarts = s.Restarts + 1, LastExitCode = result.ExitCode });
            ProcessLog.Exited(_logger, _options.Name, pid, result.ExitCode, uptime, status.Restarts, backoffWait);
            await WaitAsync(backoffWait, wake, stopping.Task, stoppingToken);
        }
    }

    private async Task<(ChildProcess? Child, string? Error)> StartChildAsync(CancellationToken stoppingToken)
    {
        var hook = "before-start";
        try
        {
            if (_options.BeforeStartAsync is { } beforeStart)
            {
                await beforeStart(stoppingToken);
            }

            hook = "spec";
            var spec = _options.Spec();
            spec = spec with
            {
                StandardOutput = spec.StandardOutput.Logger is null ? spec.StandardOutput with { Logger = _logger, LogLevel = _options.OutputLevel } : spec.StandardOutput,
                StandardError = spec.StandardError.Logger is null ? spec.StandardError with { Logger = _logger, LogLevel = _options.ErrorLevel } : spec.StandardError,
            };
            var child = _runner.Start(spec);
            if (child.Started)
            {
                return (child, null);
            }

            return (null, (await child.Completion).Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return (null, "stopping");
        }
        catch (Exception ex)
        {
            ProcessLog.HookFailed(_logger, ex, _options.Name, hook);
            return (null, $"{hook} failed: {ex.Message}");
        }
    }

    private async Task WhileRunningAsync(ChildProcess child, CancellationToken exited)
    {
        if (_options.WhileRunningAsync is not { } whileRunning)
        {
            return;
        }

        try
        {
            await whileRunning(child, exited);
        }
        catch (OperationCanceledException) when (exited.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            ProcessLog.HookFailed(_logger, ex, _options.Name, "while-running");
        }
    }

    private async Task StopChildAsync(ChildProcess child, string reason)
    {
        var pid = child.ProcessId!.Value;
        var result = await child.StopAsync(reason, CancellationToken.None);
        await child.DisposeAsync();
        var how = result.Killed
            ? string.Create(CultureInfo.InvariantCulture, $"{reason}; killed: no exit {child.Spec.StopGrace.TotalSeconds:0.#} s after SIGTERM")
            : $"{reason}; exited on SIGTERM";
        ProcessLog.Stopped(_logger, _options.Name, pid, how);
        SetStatus(s => s with { Running = false, ProcessId = null, StartedAt = null, LastExitCode = result.ExitCode });
    }

    /// <summary>Waits out a backoff; a restart request or shutdown ends the wait early.</summary>
    private async Task WaitAsync(TimeSpan delay, Task wake, Task stopping, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = Task.Delay(delay, _time, cancel.Token);
        await Task.WhenAny(timer, wake, stopping);
        await cancel.CancelAsync();
        try
        {
            await timer;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private ProcessSupervisorStatus SetStatus(Func<ProcessSupervisorStatus, ProcessSupervisorStatus> change)
    {
        ProcessSupervisorStatus status;
        lock (_gate)
        {
            status = _status = change(_status);
        }

        _options.StatusChanged?.Invoke(status);
        return status;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
