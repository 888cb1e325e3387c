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

    public static NodeProcess Start(string configPath, string host, params string[] extra)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { DumpDistProcess.DllPath, "node", "--config", configPath, "--host", host }.Concat(extra))
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new NodeProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("dumpdist node did not start"));
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
