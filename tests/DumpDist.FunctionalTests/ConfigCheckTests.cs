using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

public sealed class ConfigCheckTests
{
    private static Task<ProcessResult> RunInRepositoryAsync(params string[] arguments) =>
        ExternalProgram.RunAsync("dotnet", new[] { DumpDistProcess.DllPath }.Concat(arguments), RepositoryPaths.Root, TimeSpan.FromMinutes(2));

    [Fact]
    public async Task ConfigCheck_ExampleFile_ExitsZeroAndNamesActiveHosts()
    {
        var result = await RunInRepositoryAsync("config", "check", "docs/cluster.example.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardError);
        Assert.Contains("docs/cluster.example.yaml: OK", result.StandardOutput);
        Assert.Matches(@"(?m)^  web +active on dumps2 ", result.StandardOutput);
        Assert.Matches(@"(?m)^  rsync +active on dumps2 ", result.StandardOutput);
        Assert.Matches(@"(?m)^  nfs-vps +active on dumps1 ", result.StandardOutput);
        Assert.Matches(@"(?m)^  nfs-analytics +active on dumps1 ", result.StandardOutput);
        Assert.Matches(@"(?m)^  dumps1 .*active for: nfs-vps, nfs-analytics$", result.StandardOutput);
    }

    [Fact]
    public async Task ConfigCheck_OneKeyMisspelled_ExitsTwoAndNamesKeyAndLine()
    {
        var lines = await File.ReadAllLinesAsync(RepositoryPaths.File("docs", "cluster.example.yaml"));
        var index = Array.FindIndex(lines, l => l.StartsWith("  bwlimit:", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("bwlimit", "bwlimt", StringComparison.Ordinal);
        var directory = TestPaths.NewTempDirectory("config");
        try
        {
            var path = Path.Combine(directory, "cluster.yaml");
            await File.WriteAllLinesAsync(path, lines);

            var result = await RunInRepositoryAsync("config", "check", path);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal(string.Empty, result.StandardOutput);
            Assert.Contains($"{path}:{index + 1}:3: error: unknown key 'bwlimt' in 'source'; did you mean 'bwlimit'?", result.StandardError);
            Assert.Contains($"{path}: 1 error", result.StandardError);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ConfigCheck_MirrorWithBadAddress_ExitsOneNamesLineAndStillSummarises()
    {
        var lines = await File.ReadAllLinesAsync(RepositoryPaths.File("docs", "cluster.example.yaml"));
        var index = Array.FindIndex(lines, l => l == "    ipv4: [198.51.100.7]");
        lines[index] = "    ipv4: [198.51.100.7, 10.1.2.0/16]";
        var directory = TestPaths.NewTempDirectory("config");
        try
        {
            var path = Path.Combine(directory, "cluster.yaml");
            await File.WriteAllLinesAsync(path, lines);

            var result = await RunInRepositoryAsync("config", "check", path);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"{path}: loads, without 1 mirror entry (see the errors)", result.StandardOutput);
            Assert.Contains("mirrors: 2 (1 active, 1 left out of rsync hosts allow for a bad address)", result.StandardOutput);
            Assert.Equal(
                $"{path}:{index + 1}:26: error: mirrors[0].ipv4[1]: '10.1.2.0/16' has host bits set; the network is 10.1.0.0/16; " +
                "mirror 'example-university' is left out of rsync hosts allow until this is fixed (the other entries apply)\n" +
                $"{path}: 1 error in mirror entries left out of rsync hosts allow ('example-university'); the rest of the file loads\n",
                result.StandardError);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ConfigCheck_SeveralErrors_PrintsEachAsFileLineColumn()
    {
        var directory = TestPaths.NewTempDirectory("config");
        try
        {
            var path = Path.Combine(directory, "bad.yaml");
            await File.WriteAllTextAsync(path, string.Join('\n',
                "source: { url: /srv/source }",
                "datasets: [{ name: d, path: public }]",
                "hosts: [{ name: h1, public_address: 192.0.2.1, admin_address: '127.0.0.1:873', root: /srv }]",
                "services:",
                "  web: { active: h2 }",
                "  rsync: { active: h1 }",
                "  nfs-vps: { active: h1, clients: [10.0.0.0/40] }",
                "  nfs-analytics: { active: h1 }",
                ""));

            var result = await RunInRepositoryAsync("config", "check", path);

            Assert.Equal(2, result.ExitCode);
            var errors = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(
                [
                    $"{path}:3:63: error: hosts[0].admin_address: port 873 is already used by services.rsync.port (line 6); host 'h1' runs every service",
                    $"{path}:5:18: error: services.web.active: unknown host 'h2'; did you mean 'h1'?",
                    $"{path}:7:36: error: services.nfs-vps.clients[0]: '10.0.0.0/40' has a bad prefix length (0 to 32)",
                    $"{path}: 3 errors",
                ],
                errors);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ConfigCheck_AdminTokenInClearAcrossHosts_WarnsOnStderrExitsZero()
    {
        var directory = TestPaths.NewTempDirectory("config");
        try
        {
            var path = Path.Combine(directory, "warn.yaml");
            await File.WriteAllTextAsync(path, string.Join('\n',
                "source: { url: /srv/source }",
                "datasets: [{ name: d, path: public }]",
                "hosts: [{ name: h1, public_address: 192.0.2.1, admin_address: '192.0.2.1:9100', root: /srv }]",
                "services:",
                "  web: { active: h1 }",
                ""));

            var result = await RunInRepositoryAsync("config", "check", path);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(
                $"{path}:3:63: warning: hosts[0].admin_address: 192.0.2.1 is not a loopback address and admin.certificate is not set: bearer token sent in clear text across hosts\n",
                result.StandardError);
            Assert.Contains($"{path}: OK", result.StandardOutput);
            Assert.Matches(@"(?m)^  web +active on h1 ", result.StandardOutput);
            Assert.DoesNotMatch(@"(?m)^  rsync ", result.StandardOutput);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ConfigCheck_ErrorsAndWarnings_PrintedInFileOrderExitsTwo()
    {
        var directory = TestPaths.NewTempDirectory("config");
        try
        {
            var path = Path.Combine(directory, "bad.yaml");
            await File.WriteAllTextAsync(path, string.Join('\n',
                "source: { url: /srv/source }",
                "datasets: [{ name: d, path: public }]",
                "hosts: [{ name: h1, public_address: 192.0.2.1, admin_address: '192.0.2.1:9100', root: /srv }]",
                "assignments: { store: etdc }",
                ""));

            var result = await RunInRepositoryAsync("config", "check", path);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal(string.Empty, result.StandardOutput);
            var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.StartsWith($"{path}:3:63: warning: hosts[0].admin_address: ", lines[0], StringComparison.Ordinal);
            Assert.Equal($"{path}:4:23: error: assignments.store: expected one of peers, etcd, got 'etdc'; did you mean 'etcd'?", lines[1]);
            Assert.Equal($"{path}: 1 error, 1 warning", lines[2]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("no-such-file.yaml", "no such file")]
    [InlineData("docs", "is a directory, not a file")]
    public async Task ConfigCheck_UnreadableFile_ExitsTwoWithMessage(string path, string message)
    {
        var result = await RunInRepositoryAsync("config", "check", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}: error: cannot read the cluster file: {message}", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }
}
