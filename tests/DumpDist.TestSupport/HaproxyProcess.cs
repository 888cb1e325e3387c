using System.Diagnostics;
using System.Text;

namespace DumpDist.TestSupport;

/// <summary>
/// A real HAProxy in the foreground (<c>-db</c>) on a rendered configuration in a temp dir; killed
/// and its directory removed on dispose. Its output is kept for failure messages.
/// </summary>
public sealed class HaproxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output;

    private HaproxyProcess(Process process, string directory, StringBuilder output)
    {
        _process = process;
        _directory = directory;
        _output = output;
    }

    /// <summary>What HAProxy printed so far (server state changes, alerts).</summary>
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

    /// <summary>Starts HAProxy and waits until it accepts connections on 127.0.0.1:<paramref name="readyPort"/>.</summary>
    public static async Task<HaproxyProcess> StartAsync(string configText, int readyPort)
    {
        var directory = TestPaths.NewTempDirectory("haproxy");
        var path = Path.Combine(directory, "dumpdist.cfg");
        await File.WriteAllTextAsync(path, configText);
        var startInfo = new ProcessStartInfo("haproxy")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-db", "-f", path })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start haproxy");
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }

        void Append(object sender, DataReceivedEventArgs e)
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var haproxy = new HaproxyProcess(process, directory, output);
        if (!await FreePort.WaitUntilListeningAsync(readyPort, TimeSpan.FromSeconds(10)))
        {
            var message = $"haproxy did not listen on 127.0.0.1:{readyPort}; output:\n{haproxy.Output}";
            await haproxy.DisposeAsync();
            throw new InvalidOperationException(message);
        }

        return haproxy;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
