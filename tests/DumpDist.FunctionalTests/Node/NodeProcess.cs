using System.Diagnostics;
using System.Text;
using DumpDist.Core.Processes;

namespace DumpDist.FunctionalTests.Node;

/// <summary>A real `dumpdist node` process; its output is kept for assertions and failure messages.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static NodeProcess Start(string configPath, string host, params string[] extra) => StartUnder(null, configPath, host, extra);

    /// <summary>
    /// Starts the node as the child of <paramref name="serviceManager"/> when given: a copy of
    /// timeout(1) named <c>systemd</c> (see <see cref="ServiceManager"/>), so the node runs with the
    /// systemd lifetime as under its unit; signals sent to this process are forwarded to the node.
    /// </summary>
    public static NodeProcess StartUnder(string? serviceManager, string configPath, string host, params string[] extra)
    {
        var startInfo = new ProcessStartInfo(serviceManager ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var launch = serviceManager is null ? [] : new[] { "300", "dotnet" };
        foreach (var argument in launch.Concat([DumpDistProcess.DllPath, "node", "--config", configPath, "--host", host]).Concat(extra))
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new NodeProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("dumpdist node did not start"));
    }

    /// <summary>A copy of timeout(1) named <c>systemd</c> under <paramref name="directory"/>: Microsoft.Extensions.Hosting.Systemd takes a parent of that name for the service manager.</summary>
    public static string ServiceManager(string directory)
    {
        var launcher = Path.Combine(directory, "bin", "systemd");
        Directory.CreateDirectory(Path.GetDirectoryName(launcher)!);
        File.Copy("/usr/bin/timeout", launcher, overwrite: true);
        return launcher;
    }

    /// <summary>SIGTERM, then the exit code (null when it did not exit within <paramref name="limit"/>).</summary>
    public async Task<int?> TerminateAsync(TimeSpan limit)
    {
        PosixSignals.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
