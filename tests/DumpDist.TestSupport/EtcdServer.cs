using System.Collections.Concurrent;
using System.Diagnostics;

namespace DumpDist.TestSupport;

/// <summary>
/// A real single-member <c>etcd</c> (Debian's etcd-server) on 127.0.0.1 with free client and peer
/// ports and a temp data dir. It can be stopped (killed, as a crash) and restarted on the same
/// ports and data; dispose kills it and deletes its data, and a process-exit hook kills any left
/// running, so a failing test never leaves one behind.
/// </summary>
public sealed class EtcdServer : IAsyncDisposable
{
    private const string Name = "dumpdist-test";
    private static readonly ConcurrentDictionary<Process, byte> Running = new();
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly string _directory;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    static EtcdServer()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Keys)
            {
                Kill(process);
            }
        };
    }

    private EtcdServer(string directory, int clientPort, int peerPort)
    {
        _directory = directory;
        ClientPort = clientPort;
        PeerPort = peerPort;
    }

    public int ClientPort { get; }

    public int PeerPort { get; }

    /// <summary>http://127.0.0.1:CLIENTPORT, what the store and etcdctl are given.</summary>
    public Uri ClientUrl => new($"http://127.0.0.1:{ClientPort}");

    /// <summary>The member's data directory (kept across <see cref="StopAsync"/> and <see cref="RestartAsync"/>).</summary>
    public string DataDirectory => Path.Combine(_directory, "data");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a new empty member and waits until it answers <c>/health</c>.</summary>
    public static async Task<EtcdServer> StartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            // The ports are free when picked, not reserved: another process may take one first.
            var server = new EtcdServer(TestPaths.NewTempDirectory("etcd"), FreePort.Next(), FreePort.Next());
            if (await server.TryStartAsync())
            {
                return server;
            }

            var output = server.Output;
            await server.DisposeAsync();
            if (attempt >= 2)
            {
                throw new InvalidOperationException($"etcd did not become healthy; its output:\n{output}");
            }
        }
    }

    /// <summary>The last lines etcd printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Kills the member (SIGKILL, as a crash or a lost host) and waits for it to exit; the data stays.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        Kill(process);
        await process.WaitForExitAsync();
        Running.TryRemove(process, out _);
        process.Dispose();
    }

    /// <summary>Freezes the member (SIGSTOP): its connections stay open but nothing answers, as on a hung host.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>Lets a frozen member go on (SIGCONT).</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    /// <summary>Starts the member again on the same ports and data dir and waits until it is healthy.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        if (!await TryStartAsync())
        {
            throw new InvalidOperationException($"etcd did not come back on port {ClientPort}; its output:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("etcd is not running");
        var result = await ExternalProgram.RunAsync("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {process.Id} failed: {result.StandardError}");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private async Task<bool> TryStartAsync()
    {
        var client = $"http://127.0.0.1:{ClientPort}";
        var peer = $"http://127.0.0.1:{PeerPort}";
        var startInfo = new ProcessStartInfo("etcd")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            "--name", Name,
            "--data-dir", DataDirectory,
            "--listen-client-urls", client,
            "--advertise-client-urls", client,
            "--listen-peer-urls", peer,
            "--initial-advertise-peer-urls", peer,
            "--initial-cluster", $"{Name}={peer}",
            "--initial-cluster-state", "new",
            "--heartbeat-interval", "50",
            "--election-timeout", "500",
            "--logger", "zap",
            "--log-level", "warn",
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start etcd");
        Running.TryAdd(process, 0);
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (await IsHealthyAsync())
            {
                return true;
            }

            await Task.Delay(50);
        }

        await StopAsync();
        return false;
    }

    private async Task<bool> IsHealthyAsync()
    {
        try
        {
            var body = await Http.GetStringAsync(new Uri(ClientUrl, "/health"));
            return body.Contains("\"health\":\"true\"", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
