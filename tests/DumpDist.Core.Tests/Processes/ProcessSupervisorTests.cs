using DumpDist.Core.Processes;
using DumpDist.Core.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Tests.Processes;

/// <summary>Real children, fake clock: every restart decision waits on the injected TimeProvider.</summary>
public sealed class ProcessSupervisorTests : IAsyncLifetime
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Stable = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private readonly RecordingTimeProvider _time = new();
    private readonly ListLogger _logger = new();
    private ProcessSupervisor? _supervisor;
    private int _starts;

    /// <summary>A wide bound for real processes to get somewhere, never the assertion itself.</summary>
    private static Task<bool> Soon(Func<bool> condition) => Eventually.TrueAsync(condition, TimeSpan.FromSeconds(20));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_supervisor is not null)
        {
            await _supervisor.StopAsync(CancellationToken.None);
            _supervisor.Dispose();
        }
    }

    [Fact]
    public async Task ExecuteAsync_ChildKeepsExiting_RestartsAfterDoublingBackoffUpToMax()
    {
        await StartAsync(() => new ChildProcessSpec("sh", ["-c", "exit 3"]));
        Assert.True(await Soon(() => _time.TimersOf(Initial) == 1), "no backoff wait after the first exit");
        Assert.Equal(new ProcessSupervisorStatus(false, null, 1, 3, null), _supervisor!.Status);

        foreach (var (wait, starts) in new[] { (Initial, 2), (2 * Initial, 3), (Max, 4), (Max, 5) })
        {
            Assert.True(await Soon(() => _time.TimersOf(wait) >= (wait == Max ? starts - 3 : 1)), $"no {wait} wait before start {starts}");
            _time.Advance(wait - TimeSpan.FromMilliseconds(1));
            await Task.Delay(Quiet);
            Assert.Equal(starts - 1, Volatile.Read(ref _starts));

            _time.Advance(TimeSpan.FromMilliseconds(1));

            Assert.True(await Soon(() => Volatile.Read(ref _starts) == starts), $"start {starts} did not follow its {wait} backoff");
        }
    }

    [Fact]
    public async Task ExecuteAsync_StableRunThenCrash_BackoffStartsOverAtInitial()
    {
        // Two quick failures raise the backoff to 2 x initial; the third child runs until killed.
        await StartAsync(() => _starts <= 2 ? new ChildProcessSpec("sh", ["-c", "exit 1"]) : new ChildProcessSpec("sleep", ["1000"]));
        Assert.True(await Soon(() => _time.TimersOf(Initial) == 1));
        _time.Advance(Initial);
        Assert.True(await Soon(() => _time.TimersOf(2 * Initial) == 1));
        _time.Advance(2 * Initial);
        Assert.True(await Soon(() => _supervisor!.Status.Running));

        _time.Advance(Stable);
        PosixSignals.KillGroup(_supervisor!.Status.ProcessId!.Value);

        Assert.True(await Soon(() => _time.TimersOf(Initial) == 2), "a crash after a stable run did not start over at the initial backoff");
        Assert.Equal(0, _time.TimersOf(4 * Initial));
        Assert.Equal(new ProcessSupervisorStatus(false, null, 3, 137, null), _supervisor.Status);
    }

    [Fact]
    public async Task ExecuteAsync_MissingProgram_LastErrorAndRetriedWithBackoff()
    {
        await StartAsync(() => new ChildProcessSpec("/nonexistent/dumpdist-daemon", []));

        Assert.True(await Soon(() => _time.TimersOf(Initial) == 1));
        Assert.Equal(new ProcessSupervisorStatus(false, null, 1, null, null, "cannot start /nonexistent/dumpdist-daemon: no such file"), _supervisor!.Status);
        Assert.Contains(_logger.Entries, e => e.EventId == 1302 && e.Level == LogLevel.Error);

        _time.Advance(Initial);

        Assert.True(await Soon(() => _time.TimersOf(2 * Initial) == 1), "the failed start was not retried with a longer backoff");
        Assert.Equal(2, _starts);
        Assert.Equal(2, _supervisor.Status.Restarts);
    }

    [Fact]
    public async Task ExecuteAsync_BeforeStartThrows_CountedAsFailedStartThenRecovers()
    {
        var fail = true;
        await StartAsync(
            () => new ChildProcessSpec("sleep", ["1000"]),
            _ => fail ? throw new IOException("disk full") : Task.CompletedTask);

        Assert.True(await Soon(() => _time.TimersOf(Initial) == 1));
        Assert.Equal("before-start failed: disk full", _supervisor!.Status.LastError);
        fail = false;
        _time.Advance(Initial);

        Assert.True(await Soon(() => _supervisor.Status.Running));
        Assert.Null(_supervisor.Status.LastError);
    }

    [Fact]
    public async Task RestartAsync_Running_OldGroupGoneAndNewChildStartedWithoutBackoff()
    {
        await StartAsync(() => new ChildProcessSpec("sh", ["-c", "sleep 1000 & sleep 1000"]));
        var old = await RunningGroupAsync(2);

        await _supervisor!.RestartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(old, pid => Assert.False(ProcTable.IsAlive(pid), $"pid {pid} of the old child survived"));
        var status = _supervisor.Status;
        Assert.True(status.Running);
        Assert.DoesNotContain(status.ProcessId!.Value, old);
        Assert.Equal(0, status.Restarts);
        Assert.Equal(2, _starts);
        Assert.Contains(_logger.Entries, e => e.EventId == 1304);
    }

    [Fact]
    public async Task StopAsync_ShellWithBackgroundJob_BothPidsGone()
    {
        await StartAsync(() => new ChildProcessSpec("sh", ["-c", "sleep 1000 & sleep 1000"]));
        var pids = await RunningGroupAsync(2);

        await _supervisor!.StopAsync(CancellationToken.None);

        Assert.All(pids, pid => Assert.False(ProcTable.IsAlive(pid), $"pid {pid} survived the stop"));
        Assert.False(_supervisor.Status.Running);
        Assert.Null(_supervisor.Status.ProcessId);
        Assert.Contains(_logger.Entries, e => e.EventId == 1303 && e.Message.Contains("host shutdown; exited on SIGTERM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopAsync_ChildIgnoresSigterm_KilledAtDeadlineOnInjectedClock()
    {
        var grace = TimeSpan.FromSeconds(30);
        await StartAsync(() => new ChildProcessSpec("sh", ["-c", "trap '' TERM; sleep 1000 & sleep 1000"]) { StopGrace = grace });
        var pids = await RunningGroupAsync(2);

        var stop = _supervisor!.StopAsync(CancellationToken.None);
        Assert.True(await Soon(() => _time.TimersOf(grace) == 1), "no grace period started");
        await Task.Delay(Quiet);
        Assert.False(stop.IsCompleted);
        Assert.All(pids, pid => Assert.True(ProcTable.IsAlive(pid)));

        _time.Advance(grace);
        await stop.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(pids, pid => Assert.False(ProcTable.IsAlive(pid), $"pid {pid} survived SIGKILL"));
        Assert.Contains(_logger.Entries, e => e.EventId == 1303 && e.Message.Contains("killed: no exit 30 s after SIGTERM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_ChildOutput_LoggedLineByLineToCallersLogger()
    {
        await StartAsync(() => new ChildProcessSpec("sh", ["-c", "echo ready; echo 'bad thing' >&2; exec sleep 1000"]));

        Assert.True(await Soon(() => _logger.Entries.Count(e => e.EventId == 1305) == 2));
        var pid = _supervisor!.Status.ProcessId;
        Assert.Contains((1305, LogLevel.Information, $"sh[{pid}]: ready"), _logger.Entries);
        Assert.Contains((1305, LogLevel.Warning, $"sh[{pid}]: bad thing"), _logger.Entries);
        Assert.Contains((1300, LogLevel.Information, $"test-daemon started, pid {pid}"), _logger.Entries);
    }

    [Fact]
    public async Task RestartAsync_NotRunning_ReturnsAtOnce()
    {
        var supervisor = new ProcessSupervisor(new ProcessSupervisorOptions { Spec = () => new ChildProcessSpec("sleep", ["1000"]) }, _time, _logger);

        await supervisor.RestartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(supervisor.Status.Running);
    }

    private async Task StartAsync(Func<ChildProcessSpec> spec, Func<CancellationToken, Task>? beforeStart = null)
    {
        _supervisor = new ProcessSupervisor(
            new ProcessSupervisorOptions
            {
                Name = "test-daemon",
                Spec = spec,
                BeforeStartAsync = async ct =>
                {
                    Interlocked.Increment(ref _starts);
                    if (beforeStart is not null)
                    {
                        await beforeStart(ct);
                    }
                },
                InitialBackoff = Initial,
                MaxBackoff = Max,
                StableAfter = Stable,
            },
            _time,
            _logger);
        await _supervisor.StartAsync(CancellationToken.None);
    }

    private async Task<IReadOnlyList<int>> RunningGroupAsync(int sleeps)
    {
        Assert.True(await Soon(() =>
            _supervisor!.Status.ProcessId is { } pid && ProcTable.GroupMembers(pid).Count(e => e.Command == "sleep") == sleeps));
        return ProcTable.GroupMembers(_supervisor!.Status.ProcessId!.Value).Select(e => e.Pid).ToList();
    }
}
