using System.Diagnostics;
using DumpDist.TestSupport;
using Xunit.Abstractions;

namespace DumpDist.FunctionalTests.Packaging;

/// <summary>
/// packaging/build-deb.sh for real: one self-contained publish, the package installed on this machine
/// with dpkg, the installed binary and units checked, then purged without a trace.
/// </summary>
public sealed class DebianPackageTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("deb");

    public void Dispose()
    {
        // Whatever happened above, the machine is left without the package.
        if (Installed())
        {
            Run("dpkg", ["--purge", "dumpdist"]);
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task BuildDeb_InstallVerifyPurge_BinaryRunsUnitsVerifyPurgeLeavesNothing()
    {
        Assert.True(Environment.UserName == "root", "installing a package needs root");
        Assert.False(Installed(), "a dumpdist package is already installed on this machine; this test would purge it");
        Assert.False(UserExists("dumpdist"), "a dumpdist user already exists; this test would delete it on purge");

        var stopwatch = Stopwatch.StartNew();
        var build = await ExternalProgram.RunAsync("bash", [RepositoryPaths.File("packaging", "build-deb.sh"), "--out", _dir, "--compression", "none"], timeout: TimeSpan.FromMinutes(15));
        output.WriteLine($"build-deb.sh (publish + package): {stopwatch.Elapsed.TotalSeconds:F1}s");
        Assert.True(build.ExitCode == 0, build.StandardError);
        var deb = build.StandardOutput.Trim().Split('\n')[^1];
        Assert.True(File.Exists(deb), $"no package at '{deb}'");

        var install = await DpkgAsync("-i", deb);
        Assert.True(install.ExitCode == 0, install.StandardError);

        // The installed binary reports the version the package was built with.
        var packageVersion = Run("dpkg-query", ["-W", "-f=${Version}", "dumpdist"]).StandardOutput;
        var version = Run("/usr/bin/dumpdist", ["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith(packageVersion.Split('+')[0] + "+", version.StandardOutput.Trim());
        Assert.Contains(packageVersion.Split("+g")[^1], version.StandardOutput);
        Assert.Equal(0, Run("/usr/bin/dumpdist", ["config", "check", "/etc/dumpdist/cluster.yaml"]).ExitCode);

        // The user, its directories and the admin token postinst made.
        Assert.True(UserExists("dumpdist"));
        Assert.Equal("dumpdist dumpdist 750", Run("stat", ["-c", "%U %G %a", "/var/lib/dumpdist"]).StandardOutput.Trim());
        Assert.Equal("dumpdist dumpdist 750", Run("stat", ["-c", "%U %G %a", "/var/log/dumpdist"]).StandardOutput.Trim());
        Assert.Equal("root 600", Run("stat", ["-c", "%U %a", "/etc/dumpdist/admin.token"]).StandardOutput.Trim());

        // systemd-analyze verify: syntax, every directive known, ExecStart executable; no warning at all.
        var verify = Run("systemd-analyze", ["verify", "dumpdist-node@dumps1.service", "dumpdist-client.service"]);
        Assert.True(verify.ExitCode == 0 && verify.StandardError.Trim().Length == 0, verify.StandardError);
        var node = await File.ReadAllTextAsync("/lib/systemd/system/dumpdist-node@.service");
        Assert.Contains("Type=notify", node);
        Assert.Contains("KillMode=control-group", node);

        var purge = await DpkgAsync("--purge", "dumpdist");
        Assert.True(purge.ExitCode == 0, purge.StandardError);
        Assert.False(Installed());
        Assert.False(UserExists("dumpdist"), "purge left the dumpdist user");
        Assert.False(Run("getent", ["group", "dumpdist"]).ExitCode == 0, "purge left the dumpdist group");
        foreach (var path in new[] { "/usr/bin/dumpdist", "/usr/lib/dumpdist", "/etc/dumpdist", "/var/lib/dumpdist", "/var/log/dumpdist", "/lib/systemd/system/dumpdist-node@.service", "/lib/systemd/system/dumpdist-client.service" })
        {
            Assert.False(Path.Exists(path), $"purge left {path}");
        }

        output.WriteLine($"whole test: {stopwatch.Elapsed.TotalSeconds:F1}s");
    }

    // "install ok installed"; after a purge dpkg-query knows nothing, or "unknown ok not-installed".
    private static bool Installed() =>
        Run("dpkg-query", ["-W", "-f=${Status}", "dumpdist"]).StandardOutput.Contains("ok installed", StringComparison.Ordinal);

    private static bool UserExists(string name) => Run("getent", ["passwd", name]).ExitCode == 0;

    /// <summary>dpkg, waiting while another apt or dpkg on this machine holds its lock.</summary>
    private static async Task<ProcessResult> DpkgAsync(params string[] arguments)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            var result = await ExternalProgram.RunAsync("dpkg", arguments, timeout: TimeSpan.FromMinutes(3));
            if (result.ExitCode == 0 || !result.StandardError.Contains("lock", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private static ProcessResult Run(string program, string[] arguments) =>
        ExternalProgram.RunAsync(program, arguments).GetAwaiter().GetResult();
}
