using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DumpDist.TestSupport.Browser;

/// <summary>
/// A real headless Chromium (Debian package <c>chromium</c>) with its own profile directory,
/// driven over the Chrome DevTools Protocol. Every host name resolves to nothing, so the
/// browser reaches only the loopback addresses a test gives it; background services are off.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;

    private HeadlessChromium(Process process, string profile, int port)
    {
        _process = process;
        _profile = profile;
        Port = port;
    }

    /// <summary>The DevTools port Chromium chose (it was started with port 0).</summary>
    public int Port { get; }

    /// <summary>Starts Chromium and waits until it tells where its DevTools listen.</summary>
    public static async Task<HeadlessChromium> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium is not installed (Debian package chromium; scripts/test.sh installs it)");
        var profile = Directory.CreateTempSubdirectory("dumpdist-chromium-").FullName;
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "--headless=new", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", $"--user-data-dir={profile}", "--no-sandbox",
            "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
            "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.*", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var port = 0;
        var ready = await Eventually.TrueAsync(
            () => process.HasExited || (File.Exists(portFile) && int.TryParse(File.ReadLines(portFile).FirstOrDefault(), out port) && port > 0),
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));
        var browser = new HeadlessChromium(process, profile, port);
        if (!ready || process.HasExited)
        {
            await browser.DisposeAsync();
            throw new InvalidOperationException("chromium did not open its DevTools port");
        }

        return browser;
    }

    /// <summary>Opens a new tab and connects to it.</summary>
    public async Task<BrowserPage> NewPageAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"http://127.0.0.1:{Port}/json/new?about:blank");
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var target = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var socket = target["webSocketDebuggerUrl"]?.GetValue<string>() ?? throw new InvalidOperationException("chromium gave no page socket");
        return await BrowserPage.ConnectAsync(new Uri(socket), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A child still writing its profile as it dies; the next attempt is the OS's temp cleaner.
        }
    }
}
