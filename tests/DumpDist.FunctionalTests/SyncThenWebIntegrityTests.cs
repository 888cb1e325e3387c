using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

/// <summary>
/// The verification that `dumpdist sync` and `dumpdist verify` record is what `dumpdist web` uses:
/// a verified file carries its SHA-256 in Repr-Digest, and a file that fails verification is not
/// served as good.
/// </summary>
public sealed class SyncThenWebIntegrityTests : IDisposable
{
    private const string Wiki = "testwiki";
    private const string Date = "20261101";
    private const string FileName = "testwiki-20261101-pages-articles.xml.bz2";

    private readonly string _dir = TestPaths.NewTempDirectory("sync-web");
    private readonly Dictionary<string, string> _environment;
    private Process? _web;

    public SyncThenWebIntegrityTests() =>
        _environment = new() { ["XDG_STATE_HOME"] = Path.Combine(_dir, "state") };

    private string Source => Path.Combine(_dir, "source");

    private string Destination => Path.Combine(_dir, "dest");

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

    [Fact]
    public async Task WebAfterSync_VerifiedFileHasReprDigest_FileFailingVerifyIsNotServed()
    {
        var content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("BZh91AY&SY dump bytes ", 5000)));
        WriteRun(content);

        var sync = await ExternalProgram.RunAsync("dotnet", [DumpDistProcess.DllPath, "sync", "--source", Source, "--dest", Destination, "--once"], environment: _environment);
        Assert.True(sync.ExitCode == 0, sync.StandardOutput + sync.StandardError);

        var baseUrl = StartWeb();
        var url = $"{baseUrl}{Wiki}/{Date}/{FileName}";
        var head = await ExternalProgram.RunAsync("curl", ["-sS", "-I", url]);
        Assert.StartsWith("HTTP/1.1 200", head.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Repr-Digest: sha-256=:{Convert.ToBase64String(SHA256.HashData(content))}:", head.StandardOutput, StringComparison.Ordinal);

        // Same size, different bytes: only the checksum can tell.
        var served = Path.Combine(Destination, "public", Wiki, Date, FileName);
        var corrupt = (byte[])content.Clone();
        corrupt[100] ^= 0xFF;
        await File.WriteAllBytesAsync(served, corrupt);
        File.SetLastWriteTimeUtc(served, DateTime.UtcNow.AddMinutes(1));
        var verify = await ExternalProgram.RunAsync("dotnet", [DumpDistProcess.DllPath, "verify", Destination], environment: _environment);
        Assert.Equal(1, verify.ExitCode);

        var status = string.Empty;
        var clock = Stopwatch.StartNew();
        while (status != "404" && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(250);
            status = (await ExternalProgram.RunAsync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", url])).StandardOutput;
        }

        Assert.Equal("404", status);
    }

    private void WriteRun(byte[] content)
    {
        var run = Path.Combine(Source, "public", Wiki, Date);
        Directory.CreateDirectory(run);
        File.WriteAllBytes(Path.Combine(run, FileName), content);
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(content));
        var md5 = Convert.ToHexStringLower(MD5.HashData(content));
        File.WriteAllText(Path.Combine(run, $"{Wiki}-{Date}-sha1sums.txt"), $"{sha1}  {FileName}\n");
        File.WriteAllText(Path.Combine(run, $"{Wiki}-{Date}-md5sums.txt"), $"{md5}  {FileName}\n");
        var status = System.Text.Json.JsonSerializer.Serialize(new
        {
            jobs = new Dictionary<string, object>
            {
                ["articlesdump"] = new
                {
                    status = "done",
                    updated = "2026-11-02 10:00:00",
                    files = new Dictionary<string, object> { [FileName] = new { size = content.Length, url = $"/{Wiki}/{Date}/{FileName}", md5, sha1 } },
                },
            },
            version = "0.8",
        });
        File.WriteAllText(Path.Combine(run, "dumpstatus.json"), status);
    }

    private string StartWeb()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { DumpDistProcess.DllPath, "web", "--root", Destination, "--listen", "http://127.0.0.1:0", "--conn-limit", "0" })
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
