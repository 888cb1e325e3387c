using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using DumpDist.Core.Processes;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Node;

/// <summary>
/// The node under a service manager (Type=notify): it sends READY=1 to NOTIFY_SOCKET once started
/// and STOPPING=1 on SIGTERM. The test plays systemd: it binds the notify socket, and the node's
/// parent is a process named <c>systemd</c> (a copy of timeout(1), which forwards SIGTERM), which is
/// how Microsoft.Extensions.Hosting.Systemd recognises a service, as under the real one.
/// </summary>
public sealed class NodeSystemdNotifyTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("notify");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Node_UnderServiceManager_SendsReadyAfterStartAndStoppingOnSigterm()
    {
        var adminPort = FreePort.Next();
        var configPath = await WriteClusterAsync(adminPort);
        var launcher = Path.Combine(_dir, "bin", "systemd");
        Directory.CreateDirectory(Path.GetDirectoryName(launcher)!);
        File.Copy("/usr/bin/timeout", launcher);

        var socketPath = Path.Combine(_dir, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        var startInfo = new ProcessStartInfo(launcher) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "120", "dotnet", DumpDistProcess.DllPath, "node", "--config", configPath, "--host", "a" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NOTIFY_SOCKET"] = socketPath;
        using var process = Process.Start(startInfo)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = await ReceiveAsync(socket, TimeSpan.FromSeconds(90));
            Assert.True(ready == "READY=1", $"expected READY=1, got '{ready}'; node output:\n{output}");

            // Ready means started: the admin API answers at once, no polling needed.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "notify-test-token");
            using var state = await http.GetAsync(new Uri($"http://127.0.0.1:{adminPort}/api/v1/state"));
            Assert.Equal(System.Net.HttpStatusCode.OK, state.StatusCode);

            Assert.True(PosixSignals.Terminate(process.Id));
            var stopping = await ReceiveAsync(socket, TimeSpan.FromSeconds(30));
            Assert.Equal("STOPPING=1", stopping);
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(exit.Token);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}; node output:\n{output}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string?> ReceiveAsync(Socket socket, TimeSpan limit)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            var count = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, count).Trim();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<string> WriteClusterAsync(int adminPort)
    {
        var source = Path.Combine(_dir, "source");
        Directory.CreateDirectory(Path.Combine(source, "public"));
        var token = Path.Combine(_dir, "admin.token");
        await File.WriteAllTextAsync(token, "notify-test-token\n");
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = Path.Combine(_dir, "cluster.yaml");
        await File.WriteAllTextAsync(config, $"""
            source:
              url: {source}
              schedule:
                interval: 1h
            datasets:
              - name: xmldatadumps
                path: public
            hosts:
              - name: a
                public_address: 127.0.0.1
                admin_address: 127.0.0.1:{adminPort}
                root: {Path.Combine(_dir, "root")}
                state_dir: {Path.Combine(_dir, "state")}
            admin:
              tokens:
                - name: ops
                  file: {token}
            """);
        return config;
    }
}
