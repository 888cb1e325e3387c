using System.Globalization;
using System.Runtime.ExceptionServices;

namespace DumpDist.Core.Processes;

/// <summary>
/// The one way dumpdist runs an external program (exportfs, mount, rsync, ganesha): arguments as a
/// list, stdin /dev/null, output captured or streamed, the child in its own process group so that a
/// stop (SIGTERM, then SIGKILL after the grace period) reaches everything it forked. A program that
/// cannot be started or overruns its timeout is a result, not an exception.
/// </summary>
/// <param name="timeProvider">The clock for timeouts, grace periods and elapsed times; the system clock when null.</param>
public sealed class ChildProcessRunner(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Starts <paramref name="spec"/> and returns at once; the caller owns the child (await <see cref="ChildProcess.Completion"/>, dispose).</summary>
    public ChildProcess Start(ChildProcessSpec spec) => ChildProcess.Start(spec, _time);

    /// <summary>Runs <paramref name="spec"/> to its end (see <see cref="RunAsync(ChildProcessSpec, Func{ChildProcess, CancellationToken, Task}, CancellationToken)"/>).</summary>
    public Task<ChildProcessResult> RunAsync(ChildProcessSpec spec, CancellationToken cancellationToken) =>
        RunAsync(spec, null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="spec"/> to its end. <paramref name="whileRunning"/>, when given, runs
    /// beside the child once it has started (a watchdog reading /proc of <see cref="ChildProcess.ProcessId"/>,
    /// which may call <see cref="ChildProcess.RequestStop"/>); its token is cancelled when the child
    /// has exited, and it is awaited before this returns. Past <see cref="ChildProcessSpec.Timeout"/>
    /// the group is stopped and the outcome is <see cref="ChildProcessOutcome.TimedOut"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the group was stopped and is gone.</exception>
    /// <remarks>An exception thrown by a <see cref="ChildOutput.OnLine"/> callback stops the group and is rethrown here once it is gone.</remarks>
    public async Task<ChildProcessResult> RunAsync(
        ChildProcessSpec spec,
        Func<ChildProcess, CancellationToken, Task>? whileRunning,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var child = Start(spec);
        if (!child.Started)
        {
            return await child.Completion;
        }

        using var exited = new CancellationTokenSource();
        var watcher = whileRunning is null ? Task.CompletedTask : whileRunning(child, exited.Token);
        using var timeout = spec.Timeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        ChildProcessResult result;
        using (cancellationToken.Register(() => child.RequestStop("cancelled")))
        using (timeout?.Token.Register(() => child.Stop(ChildProcessOutcome.TimedOut, TimedOutMessage(spec.Timeout!.Value))))
        {
            try
            {
                result = await child.Completion;
            }
            finally
            {
                // Cancel, not CancelAsync: the watcher's callbacks are cheap, and a pool hop is not.
                exited.Cancel();
                try
                {
                    await watcher;
                }
                catch (OperationCanceledException) when (exited.IsCancellationRequested)
                {
                }
            }
        }

        if (child.OutputHandlerFailure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        if (cancellationToken.IsCancellationRequested && result.Outcome != ChildProcessOutcome.Exited)
        {
            throw new OperationCanceledException($"{spec.Name} was cancelled", cancellationToken);
        }

        return result;
    }

    private static string TimedOutMessage(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"killed after {timeout.TotalSeconds:0.#} s without finishing");
}
