using System.Diagnostics;

namespace DumpDist.TestSupport;

/// <summary>
/// A real `rsync --daemon` on 127.0.0.1 serving one read-only module, configured in a temp dir
/// and killed on dispose.
/// </summary>
public sealed class RsyncDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _configDirectory;

    private RsyncDaemon(Process process, string configDirectory, int port, string module)
    {
        _process = process;
        _configDirectory = configDirectory;
        Port = port;
        Module = module;
    }

    public int Port { get; }

    public string Module { get; }

    /// <summary>rsync://127.0.0.1:PORT/MODULE/</summary>
    public string Url => $"rsync://127.0.0.1:{Port}/{Module}/";

    /// <summary>
    /// Starts a daemon serving <paramref name="path"/> as <paramref name="module"/>. With
    /// <paramref name="unprivileged"/>, a daemon started by root reads the module as nobody, so a
    /// file made unreadable (mode 000) is one it cannot send, as on a real generation host.
    /// </summary>
    public static async Task<RsyncDaemon> StartAsync(string path, string module = "dumps", bool unprivileged = false)
    {
        var configDirectory = TestPaths.NewTempDirectory("rsyncd");
        var config = Path.Combine(configDirectory, "rsyncd.conf");
        var isRoot = Environment.UserName == "root";
        await File.WriteAllTextAsync(config, $"""
            use chroot = no
            pid file = {Path.Combine(configDirectory, "rsyncd.pid")}
            log file = {Path.Combine(configDirectory, "rsyncd.log")}
            {(!isRoot ? string.Empty : unprivileged ? "uid = nobody\ngid = nogroup\n" : "uid = root\ngid = root\n")}
            [{module}]
                path = {path}
                read only = yes
                list = yes
                dont compress = *

            """);

        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var startInfo = new ProcessStartInfo("rsync")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "--daemon", "--no-detach", "--config=" + config, $"--port={port}", "--address=127.0.0.1" })
            {
                startInfo.ArgumentList.Add(argument);
            }

            var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start rsync --daemon");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10)))
            {
                return new RsyncDaemon(process, configDirectory, port, module);
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            if (attempt >= 3)
            {
                throw new InvalidOperationException($"rsync --daemon did not listen; log: {ReadLog(configDirectory)}");
            }
        }
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
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_configDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string ReadLog(string directory)
    {
        var log = Path.Combine(directory, "rsyncd.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }
}
