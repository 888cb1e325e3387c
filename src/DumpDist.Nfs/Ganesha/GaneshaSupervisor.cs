using DumpDist.Core.IO;
using DumpDist.Core.Processes;
using DumpDist.Nfs.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.Ganesha;

/// <summary>
/// Runs <c>ganesha.nfsd -F</c> in the foreground under a <see cref="ProcessSupervisor"/>: writes
/// its config before each start, restarts it with exponential backoff when it dies, restarts it
/// when <see cref="UpdateConfigAsync"/> brings a new config, stops it (SIGTERM, then SIGKILL) on
/// shutdown, and reads its log after each start to tell whether the exports are live.
/// </summary>
public sealed class GaneshaSupervisor : IHostedService, IDisposable
{
    private readonly GaneshaOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly NfsMetrics? _metrics;
    private readonly ProcessSupervisor _supervisor;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _updates = new(1, 1);
    private string _configText;
    private long _logOffset;
    private StartupCheck? _startup;

    /// <summary>Creates the supervisor; nothing runs before <see cref="StartAsync"/>.</summary>
    public GaneshaSupervisor(GaneshaOptions options, TimeProvider timeProvider, ILogger<GaneshaSupervisor> logger, NfsMetrics? metrics = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        _configText = options.ConfigText;
        _supervisor = new ProcessSupervisor(
            new ProcessSupervisorOptions
            {
                Name = "ganesha.nfsd",
                Spec = () => new ChildProcessSpec(options.Program, ["-F", "-L", options.LogPath, "-f", options.ConfigPath, "-p", options.PidFile])
                {
                    // ganesha logs to -L; whatever reaches stdout/stderr is logged by the supervisor.
                    StandardOutput = ChildOutput.Discard,
                    StandardError = ChildOutput.Discard,
                    StopGrace = options.StopTimeout,
                },
                BeforeStartAsync = PrepareAsync,
                WhileRunningAsync = CheckStartupAsync,
                StatusChanged = status => metrics?.SetGanesha(status.Running, status.Restarts),
                InitialBackoff = options.InitialBackoff,
                MaxBackoff = options.MaxBackoff,
                StableAfter = options.StableAfter,
            },
            timeProvider,
            logger);
    }

    /// <summary>The current state; safe to read from any thread.</summary>
    public GaneshaStatus Status
    {
        get
        {
            var process = _supervisor.Status;
            StartupCheck? startup;
            lock (_gate)
            {
                startup = _startup;
            }

            // A check belongs to the process it watched; a new process starts unknown.
            var current = startup is not null && process.Running && startup.ProcessId == process.ProcessId ? startup : null;
            return new GaneshaStatus(process.Running, process.ProcessId, process.Restarts, process.LastExitCode, process.StartedAt, current?.ExportsLive, current?.Errors);
        }
    }

    /// <summary>
    /// Writes <paramref name="configText"/> to the config path and restarts ganesha with it, only
    /// when it differs from the config in use; false when it was the same (nothing done).
    /// </summary>
    public async Task<bool> UpdateConfigAsync(string configText, CancellationToken cancellationToken)
    {
        await _updates.WaitAsync(cancellationToken);
        try
        {
            lock (_gate)
            {
                if (string.Equals(_configText, configText, StringComparison.Ordinal))
                {
                    return false;
                }

                _configText = configText;
            }

            GaneshaLog.ConfigChanged(_logger, _options.ConfigPath);
            await AtomicFile.WriteAllTextAsync(_options.ConfigPath, configText, cancellationToken);
            await _supervisor.RestartAsync(cancellationToken);
            return true;
        }
        finally
        {
            _updates.Release();
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => _supervisor.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _supervisor.StopAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _supervisor.Dispose();
        _updates.Dispose();
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        string configText;
        lock (_gate)
        {
            configText = _configText;
        }

        await AtomicFile.WriteAllTextAsync(_options.ConfigPath, configText, cancellationToken);
        foreach (var path in new[] { _options.LogPath, _options.PidFile })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }

        _logOffset = File.Exists(_options.LogPath) ? new FileInfo(_options.LogPath).Length : 0;
    }

    /// <summary>Watches ganesha's log until it has initialized, then records whether the exports are live.</summary>
    private async Task CheckStartupAsync(ChildProcess process, CancellationToken exited)
    {
        var pid = process.ProcessId!.Value;
        while (!exited.IsCancellationRequested)
        {
            if (GaneshaStartupCheck.Read(_options.LogPath, _logOffset) is { } errors)
            {
                lock (_gate)
                {
                    _startup = new StartupCheck(pid, errors.Count == 0, errors);
                }

                _metrics?.SetExportsApplied("ganesha", errors.Count == 0, _timeProvider.GetUtcNow());
                foreach (var error in errors)
                {
                    GaneshaLog.ConfigError(_logger, _options.ConfigPath, error);
                }

                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _timeProvider, exited);
        }
    }

    private sealed record StartupCheck(int ProcessId, bool ExportsLive, IReadOnlyList<string> Errors);
}
