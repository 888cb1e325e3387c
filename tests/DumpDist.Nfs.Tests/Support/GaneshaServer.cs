using System.Diagnostics;
using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Probe;
using DumpDist.TestSupport;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>
/// A real nfs-ganesha on 127.0.0.1 serving a rendered export, started by a test and killed on
/// dispose. Everything it writes (config, log, pid, recovery records) stays in its temp dir.
/// </summary>
internal sealed class GaneshaServer : IAsyncDisposable
{
    private readonly Process _process;

    private GaneshaServer(Process process, string directory, int port, string configText)
    {
        _process = process;
        Directory = directory;
        Port = port;
        ConfigText = configText;
    }

    public string Directory { get; }

    public int Port { get; }

    public string ConfigText { get; }

    public string LogPath => Path.Combine(Directory, "ganesha.log");

    public NfsEndpoint Endpoint => new("127.0.0.1", Port);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts ganesha exporting <paramref name="exportPath"/> to <paramref name="clients"/> and waits until the probe answers.</summary>
    public static async Task<GaneshaServer> StartAsync(string exportPath, IReadOnlyList<string> clients, int? port = null)
    {
        var directory = TestPaths.NewTempDirectory("ganesha");
        var chosenPort = port ?? FreePort.Next();
        var exports = new NfsExportSet("test", exportPath, chosenPort, clients.Select(c => new NfsClientRule("nfs-vps", c)).ToList());
        var options = new GaneshaRenderOptions { BindAddress = "127.0.0.1", RecoveryRoot = Path.Combine(directory, "recovery") };
        System.IO.Directory.CreateDirectory(options.RecoveryRoot);
        var configText = GaneshaConfigRenderer.Render(exports, options);
        var configPath = Path.Combine(directory, "ganesha.conf");
        await File.WriteAllTextAsync(configPath, configText);

        var startInfo = new ProcessStartInfo("ganesha.nfsd")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { "-F", "-L", Path.Combine(directory, "ganesha.log"), "-f", configPath, "-p", Path.Combine(directory, "ganesha.pid") })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start ganesha.nfsd");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new GaneshaServer(process, directory, chosenPort, configText);
        try
        {
            await server.WaitUntilUpAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async Task WaitUntilUpAsync(TimeSpan limit)
    {
        var probe = new NfsProbe();
        var deadline = Stopwatch.StartNew();
        ProbeResult? last = null;
        while (deadline.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"ganesha.nfsd exited with {_process.ExitCode}; log:\n{ReadLog()}");
            }

            last = await probe.ProbeAsync(Endpoint, TimeSpan.FromSeconds(1), CancellationToken.None);
            if (last.IsUp)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"ganesha on port {Port} did not answer within {limit}: {last?.Detail}; log:\n{ReadLog()}");
    }

    /// <summary>Kills ganesha (as a crash would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
