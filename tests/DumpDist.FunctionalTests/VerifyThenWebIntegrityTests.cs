using System.Diagnostics;
using System.Security.Cryptography;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

/// <summary>
/// `dumpdist verify DIR` and `dumpdist web --root DIR` agree on where the served tree starts,
/// whatever the tree's shape (with public/ or a plain directory), and whether the web was started
/// before the first verification or after it, and whatever part of the tree was verified (the tree,
/// its public/, a wiki or one run: all share the tree's default state directory): a file verify
/// found corrupt is refused (404), a good one carries its SHA-256 in Repr-Digest.
/// </summary>
public sealed class VerifyThenWebIntegrityTests : IDisposable
{
    private const string Run = "testwiki/20261101";

    private readonly string _dir = TestPaths.NewTempDirectory("verify-web");
    private readonly Dictionary<string, string> _environment;
    private Process? _web;

    public VerifyThenWebIntegrityTests() =>
        _environment = new() { ["XDG_STATE_HOME"] = Path.Combine(_dir, "state") };

    private string Tree => Path.Combine(_dir, "tree");

    public void Dispose()
    {
        if (_web is { HasExited: false })
        {
            _web.Kill(entireProcessTree: true);
            _web.WaitForExit();
        }

        _web?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(false, false, "tree")]
    [InlineData(false, true, "tree")]
    [InlineData(true, false, "tree")]
    [InlineData(true, true, "tree")]
    [InlineData(false, false, "run")]
    [InlineData(true, false, "run")]
    [InlineData(true, true, "run")]
    [InlineData(false, true, "wiki")]
    [InlineData(true, false, "wiki")]
    [InlineData(true, false, "public")]
    public async Task Web_FileVerifyFoundCorrupt_404_GoodFileHasReprDigest(bool withPublic, bool webStartedFirst, string verified)
    {
        var runDirectory = Path.Combine(Tree, withPublic ? "public" : string.Empty, Run);
        Directory.CreateDirectory(runDirectory);
        var good = RandomNumberGenerator.GetBytes(200_000);
        var corrupt = RandomNumberGenerator.GetBytes(200_000);
        await File.WriteAllBytesAsync(Path.Combine(runDirectory, "good.xml.bz2"), good);
        await File.WriteAllBytesAsync(Path.Combine(runDirectory, "corrupt.xml.bz2"), corrupt);
        await File.WriteAllTextAsync(Path.Combine(runDirectory, "testwiki-20261101-sha1sums.txt"),
            $"{Convert.ToHexStringLower(SHA1.HashData(good))}  good.xml.bz2\n{new string('0', 40)}  corrupt.xml.bz2\n");

        var baseUrl = webStartedFirst ? StartWeb() : null;
        var (target, shown) = verified switch
        {
            "run" => (runDirectory, "corrupt.xml.bz2"),
            "wiki" => (Path.GetDirectoryName(runDirectory)!, "20261101/corrupt.xml.bz2"),
            "public" => (Path.Combine(Tree, "public"), $"{Run}/corrupt.xml.bz2"),
            _ => (Tree, $"{(withPublic ? "public/" : string.Empty)}{Run}/corrupt.xml.bz2"),
        };
        var verify = await ExternalProgram.RunAsync("dotnet", [DumpDistProcess.DllPath, "verify", target], environment: _environment, timeout: TimeSpan.FromMinutes(2));
        Assert.True(verify.ExitCode == 1, verify.StandardOutput + verify.StandardError);
        Assert.Contains($"ChecksumMismatch: {shown}", verify.StandardOutput, StringComparison.Ordinal);
        baseUrl ??= StartWeb();

        var goodHead = await ExternalProgram.RunAsync("curl", ["-sS", "-I", $"{baseUrl}{Run}/good.xml.bz2"]);
        var corruptStatus = await ExternalProgram.RunAsync("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", $"{baseUrl}{Run}/corrupt.xml.bz2"]);

        Assert.StartsWith("HTTP/1.1 200", goodHead.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Repr-Digest: sha-256=:{Convert.ToBase64String(SHA256.HashData(good))}:", goodHead.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("404", corruptStatus.StandardOutput);
    }

    private string StartWeb()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { DumpDistProcess.DllPath, "web", "--root", Tree, "--listen", "http://127.0.0.1:0", "--conn-limit", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = _web = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLine();
        Assert.NotNull(line);
        Assert.StartsWith("listening ", line, StringComparison.Ordinal);
        return line["listening ".Length..];
    }
}
