using System.Net;
using System.Net.Sockets;
using DumpDist.Core.IO;
using DumpDist.Core.Processes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Mirrors.Rsyncd;

/// <summary>
/// Runs <c>rsync --daemon --no-detach</c> under a <see cref="ProcessSupervisor"/> (own process
/// group, restarts with backoff, SIGTERM then SIGKILL on stop). A settings change rewrites
/// rsyncd.conf atomically, which rsyncd reads for each new connection; only a change of address,
/// port or bandwidth cap (command-line options) restarts the daemon.
/// </summary>
internal sealed class RsyncdSupervisor : IHostedService, IDisposable
{
    private readonly RsyncdPaths _paths;
    private readonly RsyncdOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ProcessSupervisor _supervisor;
    private readonly SemaphoreSlim _updates = new(1, 1);
    private readonly Lock _gate = new();
    private RsyncdSettings _settings;
    private int? _listeningPid;

    public RsyncdSupervisor(RsyncdSettings settings, RsyncdPaths paths, RsyncdOptions options, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _paths = paths;
        _options = options;
        _time = time;
        _logger = logger;
        _supervisor = new ProcessSupervisor(
            new ProcessSupervisorOptions
            {
                Name = "rsync daemon",
                Spec = () => new ChildProcessSpec(options.Program, Settings.Arguments(paths))
                {
                    StandardOutput = ChildOutput.Discard,
                    StandardError = ChildOutput.Discard,
                    StopGrace = options.StopTimeout,
                },
                BeforeStartAsync = PrepareAsync,
                WhileRunningAsync = WaitUntilListeningAsync,
                InitialBackoff = options.InitialBackoff,
                MaxBackoff = options.MaxBackoff,
            },
            time,
            logger);
    }

    /// <summary>The settings in use.</summary>
    public RsyncdSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    public RsyncdPaths Paths => _paths;

    /// <summary>The current state; safe from any thread.</summary>
    public RsyncdStatus Status
    {
        get
        {
            var process = _supervisor.Status;
            int? listening;
            RsyncdSettings settings;
            lock (_gate)
            {
                listening = _listeningPid;
                settings = _settings;
            }

            return new RsyncdStatus(process.Running, process.Running && listening == process.ProcessId, process.ProcessId, process.Restarts, Endpoint(settings), process.LastError);
        }
    }

    /// <summary>
    /// Applies <paramref name="settings"/>: rewrites rsyncd.conf when its text changed (next
    /// connections use it) and restarts the daemon only when its command line changed.
    /// Returns true when anything changed.
    /// </summary>
    public async Task<bool> UpdateAsync(RsyncdSettings settings, CancellationToken cancellationToken)
    {
        await _updates.WaitAsync(cancellationToken);
        try
        {
            RsyncdSettings previous;
            lock (_gate)
            {
                previous = _settings;
                _settings = settings;
            }

            var restart = !previous.Arguments(_paths).SequenceEqual(settings.Arguments(_paths), StringComparer.Ordinal);
            var changed = await WriteConfigAsync(settings, cancellationToken);
            if (restart)
            {
                RsyncdLog.Restarting(_logger, $"command line changed to {string.Join(' ', settings.Arguments(_paths))}");
                await _supervisor.RestartAsync(cancellationToken);
            }

            return changed || restart;
        }
        finally
        {
            _updates.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => _supervisor.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _supervisor.StopAsync(cancellationToken);

    public void Dispose()
    {
        _supervisor.Dispose();
        _updates.Dispose();
    }

    private static string Endpoint(RsyncdSettings settings) => new IPEndPoint(settings.Address, settings.Port).ToString();

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_paths.Directory);
        await WriteConfigAsync(Settings, cancellationToken);
    }

    /// <summary>Writes rsyncd.conf when its text differs from the file's; true when written.</summary>
    private async Task<bool> WriteConfigAsync(RsyncdSettings settings, CancellationToken cancellationToken)
    {
        var text = RsyncdConfigRenderer.Render(settings, _paths, _options.RunningAsRoot);
        if (string.Equals(await AtomicFile.TryReadAllTextAsync(_paths.ConfigFile, cancellationToken), text, StringComparison.Ordinal))
        {
            return false;
        }

        await AtomicFile.WriteAllTextAsync(_paths.ConfigFile, text, cancellationToken);
        RsyncdLog.ConfigRewritten(_logger, _paths.ConfigFile, settings.HostsAllow.Count);
        return true;
    }

    /// <summary>Marks the daemon listening once its port accepts a connection.</summary>
    private async Task WaitUntilListeningAsync(ChildProcess child, CancellationToken exited)
    {
        var pid = child.ProcessId!.Value;
        var settings = Settings;
        var address = settings.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : settings.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : settings.Address;
        while (!exited.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient(address.AddressFamily);
                await client.ConnectAsync(address, settings.Port, exited);
                lock (_gate)
                {
                    _listeningPid = pid;
                }

                RsyncdLog.Listening(_logger, Endpoint(settings), pid);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, exited);
            }
        }
    }
}
