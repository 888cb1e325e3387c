using System.Collections.Concurrent;
using System.Diagnostics;

namespace DumpDist.FunctionalTests;

/// <summary>A running `dumpdist web` process: its base URL (from the "listening" line) and its stderr lines.</summary>
internal sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();

    private WebProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public static async Task<WebProcess> StartAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(DumpDistProcess.DllPath);
        start.ArgumentList.Add("web");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"dumpdist web did not start: {line} {await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
        }

        var web = new WebProcess(process, line["listening ".Length..]);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                web._stderr.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return web;
    }

    /// <summary>SIGTERM, then waits for the exit; returns every stderr line.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
        return [.. _stderr];
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
}
