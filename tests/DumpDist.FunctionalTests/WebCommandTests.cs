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
    [InlineData("--listen", "http://127.0.0.1:0")]
    [InlineData("--root", "/nonexistent-dumpdist-root", "--listen", "http://127.0.0.1:0")]
    [InlineData("--root", "/tmp", "--listen", "ftp://127.0.0.1:21")]
    [InlineData("--config", "/nonexistent.yaml")]
    public async Task Web_BadArguments_ExitCode2WithMessage(params string[] arguments)
    {
        var result = await DumpDistProcess.RunAsync(["web", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dumpdist", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    private static int Kill(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
