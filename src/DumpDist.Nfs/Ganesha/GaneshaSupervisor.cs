using DumpDist.Core.Processes;
using DumpDist.Core.IO;
using System.ComponentModel;
using System.Diagnostics;
using DumpDist.Nfs.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.Ganesha;

/// <summary>
/// Runs <c>ganesha.nfsd -F</c> in the foreground as a child, writes its config first, restarts it
/// with exponential backoff when it dies, and stops it (SIGTERM, then SIGKILL) on shutdown.
/// </summary>
public sealed class GaneshaSupervisor(GaneshaOptions options, TimeProvider timeProvider, ILogger<GaneshaSupervisor> logger, NfsMetrics? metrics = null) : BackgroundService
{
    private readonly Lock _gate = new();
    private Process? _process;
    private GaneshaStatus _status = new(false, null, 0, null, null);

    /// <summary>The current state; safe to read from any thread.</summary>
    public GaneshaStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = options.InitialBackoff;
        var restarts = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            await AtomicFile.WriteAllTextAsync(options.ConfigPath, options.ConfigText, stoppingToken);
            foreach (var path in new[] { options.LogPath, options.PidFile })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            }

            var logOffset = File.Exists(options.LogPath) ? new FileInfo(options.LogPath).Length : 0;
            Process process;
            try
            {
                process = Start();
            }
            catch (Win32Exception ex)
            {
                GaneshaLog.StartFailed(logger, ex.Message, backoff);
                await Task.Delay(backoff, timeProvider, stoppingToken);
                backoff = Next(backoff);
                continue;
            }

            var started = timeProvider.GetUtcNow();
            SetStatus(new GaneshaStatus(true, process.Id, restarts, Status.LastExitCode, started));
            GaneshaLog.Started(logger, process.Id, options.ConfigPath);
            var startupCheck = CheckStartupAsync(process, logOffset, stoppingToken);
            try
            {
                await process.WaitForExitAsync(stoppingToken);
                await startupCheck;
            }
            catch (OperationCanceledException)
            {
                break; // StopAsync below ends the process
            }

            var uptime = timeProvider.GetUtcNow() - started;
            if (uptime >= options.StableAfter)
            {
                backoff = options.InitialBackoff;
            }

            restarts++;
            SetStatus(new GaneshaStatus(false, null, restarts, process.ExitCode, null));
            GaneshaLog.Exited(logger, process.Id, process.ExitCode, uptime, restarts, backoff);
            lock (_gate)
            {
                _process = null;
            }

            process.Dispose();
            await Task.Delay(backoff, timeProvider, stoppingToken);
            backoff = Next(backoff);
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
        }

        if (process is null)
        {
            return;
        }

        using (process)
        {
            var how = "SIGTERM";
            if (!process.HasExited)
            {
                PosixSignals.Terminate(process.Id);
                using var timeout = new CancellationTokenSource(options.StopTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    how = $"killed: no exit {options.StopTimeout.TotalSeconds:0} s after SIGTERM";
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }

            GaneshaLog.Stopped(logger, process.Id, how);
            SetStatus(Status with { Running = false, ProcessId = null, LastExitCode = process.ExitCode, StartedAt = null });
        }
    }

    private Process Start()
    {
        var startInfo = new ProcessStartInfo(options.Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-F", "-L", options.LogPath, "-f", options.ConfigPath, "-p", options.PidFile })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new Win32Exception($"{options.Program} did not start");

        // ganesha logs to -L; drain the pipes so a chatty child can never block on them.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _process = process;
        }

        return process;
    }

    /// <summary>Watches ganesha's log until it has initialized, then records whether the exports are live.</summary>
    private async Task CheckStartupAsync(Process process, long logOffset, CancellationToken cancellationToken)
    {
        try
        {
            while (!process.HasExited)
            {
                if (GaneshaStartupCheck.Read(options.LogPath, logOffset) is { } errors)
                {
                    lock (_gate)
                    {
                        if (_status.ProcessId == process.Id)
                        {
                            _status = _status with { ExportsLive = errors.Count == 0, ConfigErrors = errors };
                        }
                    }

                    metrics?.SetExportsApplied("ganesha", errors.Count == 0, timeProvider.GetUtcNow());
                    foreach (var error in errors)
                    {
                        GaneshaLog.ConfigError(logger, options.ConfigPath, error);
                    }

                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private TimeSpan Next(TimeSpan backoff) =>
        TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));

    private void SetStatus(GaneshaStatus status)
    {
        lock (_gate)
        {
            _status = status;
        }

        metrics?.SetGanesha(status.Running, status.Restarts);
    }
}
