using System.Diagnostics;
using System.Globalization;

namespace DumpDist.TestSupport.Lab;

/// <summary>
/// A long-running program inside a lab namespace, started as
/// <c>setsid ip netns exec NS PROGRAM ARGS</c>: one process id throughout (setsid and ip exec, they
/// do not fork), leader of its own process group, so a kill reaches its children too (the
/// ganesha a node starts). Everything it prints goes to a log file.
/// </summary>
public sealed class LabProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly Stopwatch _age = Stopwatch.StartNew();
    private bool _closed;
    private int _disposed;

    private LabProcess(Process process, StreamWriter log, string name, string logPath)
    {
        _process = process;
        _log = log;
        Name = name;
        LogPath = logPath;
    }

    /// <summary>What the lab calls it in messages (host and program).</summary>
    public string Name { get; }

    /// <summary>The file holding its stdout and stderr.</summary>
    public string LogPath { get; }

    /// <summary>The process id, also its process group id.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>How long ago it was started.</summary>
    public TimeSpan Age => _age.Elapsed;

    /// <summary>The exit code once it has exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    internal static LabProcess Start(string netns, string name, string logPath, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "ip", "netns", "exec", netns, program }.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {program} in {netns}");
        var started = new LabProcess(process, log, name, logPath);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return started;
    }

    /// <summary>The last <paramref name="lines"/> lines of its log.</summary>
    public string LogTail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"--- {Name} ({LogPath}) ---\n" + string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"--- {Name}: log unreadable: {e.Message}";
        }
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>KILL</c>, <c>TERM</c>) to its whole process group.</summary>
    public void SignalGroup(string signal) => NetworkLab.Kill(signal, -Id);

    /// <summary>Waits for it to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL to the process group (a crash, or a host that died) and waits for the exit.</summary>
    public Task KillAsync() => _disposed == 0 ? KillCoreAsync() : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await KillCoreAsync();
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }

        _process.Dispose();
    }

    private async Task KillCoreAsync()
    {
        if (!_process.HasExited)
        {
            SignalGroup("KILL");
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }

    internal void KillNow()
    {
        try
        {
            if (!_process.HasExited)
            {
                NetworkLab.Kill("KILL", -Id);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already disposed.
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {Id})");
}
