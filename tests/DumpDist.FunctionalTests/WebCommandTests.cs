using System.Diagnostics;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

public sealed class WebCommandTests : IDisposable
{
    private readonly string _root = TestPaths.NewTempDirectory("webcmd");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Web_RootAndListenPortZero_PrintsAddressServesFileAndStopsOnSigterm()
    {
        Directory.CreateDirectory(Path.Combine(_root, "public", "enwiki", "20240101"));
        await File.WriteAllTextAsync(Path.Combine(_root, "public", "enwiki", "20240101", "enwiki-20240101-md5sums.txt"), "abc  x\n");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { DumpDistProcess.DllPath, "web", "--root", _root, "--listen", "http://127.0.0.1:0", "--conn-limit", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var line = await process.StandardOutput.ReadLineAsync(cts.Token);
            Assert.NotNull(line);
            Assert.StartsWith("listening http://127.0.0.1:", line, StringComparison.Ordinal);
            var baseUrl = line!["listening ".Length..];

            var result = await ExternalProgram.RunAsync("curl", ["-sS", "-i", baseUrl + "enwiki/20240101/enwiki-20240101-md5sums.txt"]);

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("HTTP/1.1 200 OK", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("Content-Type: text/plain; charset=utf-8", result.StandardOutput, StringComparison.Ordinal);
            Assert.EndsWith("abc  x\n", result.StandardOutput, StringComparison.Ordinal);

            Assert.Equal(0, Kill(process.Id));
            await process.WaitForExitAsync(cts.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Theory]
    [InlineData(null, "inline on the epoll threads")]
    [InlineData("0", "on the thread pool")]
    public async Task Web_SocketCompletions_InlineUnlessTheOperatorSaysOtherwise_ZeroCopyDownloadWhole(string? variable, string mode)
    {
        var directory = Path.Combine(_root, "public", "enwiki", "20240101");
        Directory.CreateDirectory(directory);
        var bytes = new byte[24 * 1024 * 1024];
        new Random(5).NextBytes(bytes);
        await File.WriteAllBytesAsync(Path.Combine(directory, "big.bin"), bytes);
        var environment = variable is null
            ? new[] { ("DUMPDIST_LOG_LEVEL", "Information") }
            : new[] { ("DUMPDIST_LOG_LEVEL", "Information"), ("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", variable) };
        await using var web = await WebProcess.StartAsync(["--root", _root, "--listen", "http://127.0.0.1:0", "--conn-limit", "0"], environment);
        var output = Path.Combine(_root, "out.bin");

        // Four at once and one at a client's pace: sendfile resumed by the engine either way.
        var downloads = Enumerable.Range(0, 4)
            .Select(i => ExternalProgram.RunAsync("curl", ["-sS", "-o", output + i, "-w", "%{http_code}", web.BaseUrl + "enwiki/20240101/big.bin"]))
            .Append(ExternalProgram.RunAsync("curl", ["-sS", "--limit-rate", "40M", "-o", output + "slow", "-w", "%{http_code}", web.BaseUrl + "enwiki/20240101/big.bin"]))
            .ToList();
        var results = await Task.WhenAll(downloads);

        Assert.All(results, r => Assert.Equal("200", r.StandardOutput));
        foreach (var name in Enumerable.Range(0, 4).Select(i => output + i).Append(output + "slow"))
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(name));
        }

        var log = await web.StopAsync();
        Assert.Contains(log, line => line.Contains("Socket completions: " + mode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Web_ConfigAndHost_ServesHostRootAndReloadsQosWhenFileChanges()
    {
        Directory.CreateDirectory(Path.Combine(_root, "public", "enwiki"));
        await File.WriteAllTextAsync(Path.Combine(_root, "public", "enwiki", "a.txt"), "a");
        var config = Path.Combine(_root, "cluster.yaml");
        await File.WriteAllTextAsync(config, ClusterFile("(?i)^badbot/"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { DumpDistProcess.DllPath, "web", "--config", config, "--host", "dumps1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var line = await process.StandardOutput.ReadLineAsync(cts.Token);
            Assert.StartsWith("listening http://127.0.0.1:", line, StringComparison.Ordinal);
            var url = line!["listening ".Length..] + "enwiki/a.txt";

            var before = await StatusAsync(url, "curl/8");
            await File.WriteAllTextAsync(config, ClusterFile("^curl/"));
            var after = before;
            for (var i = 0; i < 40 && after == before; i++)
            {
                await Task.Delay(250, cts.Token);
                after = await StatusAsync(url, "curl/8");
            }

            Assert.Equal("200", before);
            Assert.Equal("403", after);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Web_ConfigUnknownHost_ExitCode2NamingHosts()
    {
        var config = Path.Combine(_root, "cluster.yaml");
        await File.WriteAllTextAsync(config, ClusterFile("x"));

        var result = await DumpDistProcess.RunAsync("web", "--config", config, "--host", "nosuchhost");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'nosuchhost'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("dumps1", result.StandardError, StringComparison.Ordinal);
    }

    private static async Task<string> StatusAsync(string url, string agent)
    {
        var result = await ExternalProgram.RunAsync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-A", agent, url]);
        return result.StandardOutput;
    }

    private string ClusterFile(string blockPattern)
    {
        var lines = File.ReadAllLines(RepositoryPaths.File("docs", "cluster.example.yaml"))
            // Drop the web's HTTPS (its certificate files do not exist here), not the admin section's TLS keys.
            .Where(l => !l.Contains("https_listen:", StringComparison.Ordinal) && !l.StartsWith("    certificate", StringComparison.Ordinal))
            .Select(l => l.Replace("root: /srv/dumps", "root: " + _root, StringComparison.Ordinal)
                          .Replace("listen: http://0.0.0.0:80", "listen: http://127.0.0.1:0", StringComparison.Ordinal)
                          .Replace("allow_cidrs: [198.51.100.0/24]", "allow_cidrs: []", StringComparison.Ordinal)
                          .Replace("\"(?i)^badbot/\"", "\"" + blockPattern + "\"", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }

    [Theory]
    [InlineData("--listen", "http://127.0.0.1:0")]
    [InlineData("--root", "/nonexistent-dumpdist-root", "--listen", "http://127.0.0.1:0")]
    [InlineData("--root", "/tmp", "--listen", "ftp://127.0.0.1:21")]
    [InlineData("--config", "/nonexistent.yaml")]
    [InlineData("--root", "/tmp", "--listen", "http://127.0.0.1:0", "--public-url", "dumps.example.org")]
    [InlineData("--root", "/tmp", "--listen", "http://127.0.0.1:0", "--public-url", "https://dumps.example.org/?a=b")]
    public async Task Web_BadArguments_ExitCode2WithMessage(params string[] arguments)
    {
        var result = await DumpDistProcess.RunAsync(["web", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dumpdist", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_AccessLog_NoPerRequestStderrLines_ReopenedOnSigusr1AndSighupWithNothingLost()
    {
        Directory.CreateDirectory(Path.Combine(_root, "public", "enwiki"));
        await File.WriteAllTextAsync(Path.Combine(_root, "public", "enwiki", "a.txt"), "a");
        var log = Path.Combine(_root, "access.log");
        await using var web = await WebProcess.StartAsync(["--root", _root, "--listen", "http://127.0.0.1:0", "--access-log", log]);
        var url = web.BaseUrl + "enwiki/a.txt";

        await RequestsAsync(url, 20);
        Assert.True(await Eventually.TrueAsync(() => LineCount(log) == 20, TimeSpan.FromSeconds(10)), "20 lines in the access log");
        File.Move(log, log + ".1");
        Assert.Equal(0, Signal("-USR1", web.Id));
        Assert.True(await Eventually.TrueAsync(() => File.Exists(log), TimeSpan.FromSeconds(10)), "SIGUSR1 reopened the log at its path");
        await RequestsAsync(url, 5);
        Assert.True(await Eventually.TrueAsync(() => LineCount(log) == 5, TimeSpan.FromSeconds(10)), "5 lines in the new access log");

        File.Move(log, log + ".2");
        Assert.Equal(0, Signal("-HUP", web.Id));
        Assert.True(await Eventually.TrueAsync(() => File.Exists(log), TimeSpan.FromSeconds(10)), "SIGHUP reopened the log at its path");
        await RequestsAsync(url, 1);
        Assert.True(await Eventually.TrueAsync(() => LineCount(log) == 1, TimeSpan.FromSeconds(10)), "1 line in the newest access log");
        var stderr = await web.StopAsync();

        Assert.Equal(20, LineCount(log + ".1"));
        Assert.Equal(5, LineCount(log + ".2"));
        Assert.All(File.ReadAllLines(log + ".1").Concat(File.ReadAllLines(log + ".2")), l => Assert.Contains("\"GET /enwiki/a.txt HTTP/1.1\" 200 1 ", l, StringComparison.Ordinal));
        Assert.Equal(0, web.ExitCode);
        // 26 requests: without the framework filter this would be 52 "Request starting/finished" lines.
        Assert.DoesNotContain(stderr, l => l.Contains("Request starting", StringComparison.Ordinal) || l.Contains("Request finished", StringComparison.Ordinal));
        Assert.True(stderr.Count <= 6, "stderr lines: " + string.Join(" | ", stderr));
        Assert.Equal(2, stderr.Count(l => l.Contains("Access log reopened", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Web_FrameworkLogLevelFromEnvironment_RequestLinesReturn()
    {
        Directory.CreateDirectory(Path.Combine(_root, "public"));
        await File.WriteAllTextAsync(Path.Combine(_root, "public", "a.txt"), "a");
        await using var web = await WebProcess.StartAsync(["--root", _root, "--listen", "http://127.0.0.1:0"], ("DUMPDIST_Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics", "Information"));

        await RequestsAsync(web.BaseUrl + "a.txt", 3);
        var stderr = await web.StopAsync();

        Assert.Equal(3, stderr.Count(l => l.Contains("Request starting", StringComparison.Ordinal)));
    }

    private static async Task RequestsAsync(string url, int count)
    {
        // One curl, one kept-alive connection; -o applies to one URL each.
        var result = await ExternalProgram.RunAsync("curl", ["-sS", "-w", "%{http_code}\n", .. Enumerable.Repeat(url, count).SelectMany(u => new[] { "-o", "/dev/null", u })]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Enumerable.Repeat("200", count), result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static int LineCount(string file) => File.Exists(file) ? File.ReadAllLines(file).Length : -1;

    private static int Kill(int pid) => Signal("-TERM", pid);

    private static int Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
