using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

/// <summary>`dumpdist nfs probe`, `dumpdist nfs exports` and `dumpdist client` as an operator runs them.</summary>
public sealed class NfsCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("nfs-cli");

    [Fact]
    public async Task NfsExportsThenProbe_RenderedGaneshaConfig_ServesTreeAndProbeSaysUp()
    {
        var port = FreePort.Next();
        var cluster = WriteCluster(port, "[127.0.0.1]");
        Directory.CreateDirectory(Path.Combine(_dir, "srv", "public", "enwiki"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "srv", "public", "enwiki", "index.html"), "enwiki index\n");
        var conf = Path.Combine(_dir, "ganesha.conf");

        var exports = await DumpDistProcess.RunAsync(
            "nfs", "exports", "--config", cluster, "--host", "dumps1", "--format", "ganesha",
            "--bind", "127.0.0.1", "--recovery-root", Path.Combine(_dir, "recovery"), "--out", conf);
        Assert.Equal(0, exports.ExitCode);
        Directory.CreateDirectory(Path.Combine(_dir, "recovery"));

        using var ganesha = Process.Start(new ProcessStartInfo("ganesha.nfsd", ["-F", "-L", Path.Combine(_dir, "ganesha.log"), "-f", conf, "-p", Path.Combine(_dir, "ganesha.pid")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            ProcessResult probe;
            var clock = Stopwatch.StartNew();
            do
            {
                probe = await DumpDistProcess.RunAsync("nfs", "probe", $"127.0.0.1:{port}", "--timeout", "2");
            }
            while (probe.ExitCode != 0 && clock.Elapsed < TimeSpan.FromSeconds(30));

            Assert.Equal(0, probe.ExitCode);
            Assert.Matches($@"^up 127\.0\.0\.1:{port} [0-9.]+ ms", probe.StandardOutput);
            var repeated = await DumpDistProcess.RunAsync("nfs", "probe", $"127.0.0.1:{port}", "--count", "20");
            Assert.Equal(0, repeated.ExitCode);
            Assert.Matches($@"^up 127\.0\.0\.1:{port} 20/20 answered: min [0-9.]+ median [0-9.]+ p99 [0-9.]+ max [0-9.]+ ms", repeated.StandardOutput);
            var cat = await ExternalProgram.RunAsync("nfs-cat", [$"nfs://127.0.0.1/enwiki/index.html?version=4&nfsport={port}"]);
            Assert.Equal("enwiki index\n", cat.StandardOutput);
        }
        finally
        {
            ganesha.Kill(entireProcessTree: true);
            await ganesha.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task NfsProbe_ClosedPort_PrintsDownExitsOne()
    {
        var result = await DumpDistProcess.RunAsync("nfs", "probe", $"127.0.0.1:{FreePort.Next()}");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("down 127.0.0.1:", result.StandardOutput);
        Assert.Contains("ConnectionRefused", result.StandardOutput);
    }

    [Fact]
    public async Task NfsProbe_ServerNeverAnswers_DownWithinTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var result = await DumpDistProcess.RunAsync("nfs", "probe", $"127.0.0.1:{port}", "--timeout", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("timed out after 1 s waiting for ", result.StandardOutput); // the stage (connect, reply) depends on scheduling under load
        Assert.Matches(@"after (9[5-9]\d|1\d{3}|2\d{3})(\.\d+)? ms", result.StandardOutput); // gave up at the 1 s timeout, not much later
    }

    [Theory]
    [InlineData("nfs", "probe", "host:99999")]
    [InlineData("nfs", "probe", "127.0.0.1", "--timeout", "0")]
    [InlineData("nfs", "exports", "--host", "dumps1", "--format", "kernel")]
    public async Task Nfs_UsageErrors_ExitTwo(params string[] arguments)
    {
        var result = await DumpDistProcess.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Theory]
    [InlineData("['*']", "services.nfs-vps.clients[0]: '*' would export to every address")]
    [InlineData("[10.0.0.1/8]", "services.nfs-vps.clients[0]: '10.0.0.1/8' has host bits set")]
    public async Task NfsExports_BadClientEntry_ConfigErrorExitsTwo(string clients, string expected)
    {
        var cluster = WriteCluster(FreePort.Next(), clients);

        var result = await DumpDistProcess.RunAsync("nfs", "exports", "--config", cluster, "--host", "dumps1", "--format", "kernel");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StandardError);
        Assert.Contains(cluster, result.StandardError);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Fact]
    public async Task NfsExportsApply_ExportfsCannotStart_ExitsOneAndLeavesNoFile()
    {
        // Never the host's own exportfs: on a machine with a kernel NFS server it would re-export /etc/exports.
        var cluster = WriteCluster(FreePort.Next(), "[10.0.0.0/8]");
        var target = Path.Combine(_dir, "exports.d", "dumpdist.exports");
        var exportfs = Path.Combine(_dir, "no-such-exportfs");

        var result = await DumpDistProcess.RunAsync("nfs", "exports", "--config", cluster, "--host", "dumps1", "--format", "kernel", "--apply", "--out", target, "--exportfs", exportfs);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exportfs -ra: cannot start", result.StandardError);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task NfsExportsApply_GivenExportfs_WritesFileRunsItWithRaExitsZero()
    {
        var cluster = WriteCluster(FreePort.Next(), "[10.0.0.0/8]");
        var target = Path.Combine(_dir, "exports.d", "dumpdist.exports");
        var calls = Path.Combine(_dir, "exportfs-calls");
        var exportfs = Path.Combine(_dir, "fake-exportfs");
        await File.WriteAllTextAsync(exportfs, $"#!/bin/sh\necho \"$*\" >> '{calls}'\n");
        File.SetUnixFileMode(exportfs, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await DumpDistProcess.RunAsync("nfs", "exports", "--config", cluster, "--host", "dumps1", "--format", "kernel", "--apply", "--out", target, "--exportfs", exportfs);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ran exportfs -ra", result.StandardOutput);
        Assert.Equal(["-ra"], await File.ReadAllLinesAsync(calls));
        Assert.Contains("10.0.0.0/8(ro,insecure,fsid=0,sec=sys,no_subtree_check,all_squash,nocrossmnt)", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task NfsExportsApply_Ganesha_UsageErrorExitsTwo()
    {
        var cluster = WriteCluster(FreePort.Next(), "[10.0.0.0/8]");

        var result = await DumpDistProcess.RunAsync("nfs", "exports", "--config", cluster, "--host", "dumps1", "--format", "ganesha", "--apply");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--apply is for --format kernel", result.StandardError);
    }

    [Theory]
    [InlineData("['*']", 2049, 2049, "21:15: error: services.nfs-vps.clients[0]: '*' would export to every address")]
    [InlineData("[10.0.0.0/8]", 2049, 2050, "24:11: error: services.nfs-analytics.port: 2050 differs from services.nfs-vps.port 2049 (line 20)")]
    public async Task ConfigCheck_NfsRules_ReportedWithPositionExitTwo(string clients, int vpsPort, int analyticsPort, string expected)
    {
        var cluster = WriteCluster(vpsPort, clients, analyticsPort);

        var result = await DumpDistProcess.RunAsync("config", "check", cluster);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{cluster}:{expected}", result.StandardError);
    }

    [Fact]
    public async Task Client_BadClientFile_ReportsEveryErrorWithPositionExitsTwo()
    {
        var file = Path.Combine(_dir, "client.yaml");
        await File.WriteAllTextAsync(file, "cluster: cluster.yaml\nservice: nfs-web\nlinks: []\nhysteresis: soon\nbogus: 1\n");

        var result = await DumpDistProcess.RunAsync("client", "--config", file, "--once");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}:2:10: error: service: expected one of nfs-vps, nfs-analytics, got 'nfs-web'", result.StandardError);
        Assert.Contains($"{file}:3:8: error: links: at least one link is required", result.StandardError);
        Assert.Contains($"{file}:4:13: error: hysteresis: expected a duration", result.StandardError);
        Assert.Contains($"{file}:5:1: error: unknown key 'bogus' at the top level", result.StandardError);
    }

    [Fact]
    public async Task ClientOnce_NoServerAnswers_PointsAtDefaultAndExitsOne()
    {
        var port = FreePort.Next();
        WriteCluster(port, "[127.0.0.1]");
        var link = Path.Combine(_dir, "public", "dumps");
        var file = Path.Combine(_dir, "client.yaml");
        await File.WriteAllTextAsync(file, $"""
            cluster: cluster.yaml
            service: nfs-vps
            mount: false
            mount_dir: {Path.Combine(_dir, "mnt")}
            links:
              - link: {link}
            probe_timeout: 1s
            admin_timeout: 1s
            state_file: {Path.Combine(_dir, "state.json")}
            """);

        var result = await DumpDistProcess.RunAsync("client", "--config", file, "--once");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nfs-vps: links -> dumps1", result.StandardOutput);
        Assert.Contains("no server is healthy", result.StandardOutput);
        Assert.Contains("assignment: dumps1 from config default", result.StandardOutput);
        Assert.Equal(Path.Combine(_dir, "mnt", "dumps-dumps1"), new FileInfo(link).LinkTarget);
        Assert.True(File.Exists(Path.Combine(_dir, "state.json")));
    }

    [Fact]
    public async Task Client_AsService_RunsRoundsUntilSigterm()
    {
        WriteCluster(FreePort.Next(), "[127.0.0.1]");
        var state = Path.Combine(_dir, "state.json");
        var file = Path.Combine(_dir, "client.yaml");
        await File.WriteAllTextAsync(file, $"""
            cluster: cluster.yaml
            service: nfs-analytics
            mount: false
            mount_dir: {Path.Combine(_dir, "mnt")}
            links:
              - link: {Path.Combine(_dir, "public", "dumps")}
            interval: 1s
            probe_timeout: 1s
            admin_timeout: 1s
            state_file: {state}
            """);
        using var agent = Process.Start(new ProcessStartInfo("dotnet", [DumpDistProcess.DllPath, "client", "--config", file])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = agent.StandardOutput.ReadToEndAsync();
        try
        {
            var rounds = new HashSet<string>();
            var clock = Stopwatch.StartNew();
            while (rounds.Count < 2 && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                if (File.Exists(state))
                {
                    try
                    {
                        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(state));
                        rounds.Add(json.RootElement.GetProperty("updated_at").GetString()!);
                    }
                    catch (System.Text.Json.JsonException)
                    {
                    }
                }

                await Task.Delay(100);
            }

            Assert.True(rounds.Count >= 2, "the agent did not run two rounds");
            await ExternalProgram.RunAsync("kill", ["-TERM", agent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await agent.WaitForExitAsync(exited.Token);
            Assert.Equal(0, agent.ExitCode);
            Assert.Contains("no server is healthy", await output); // the warning of each round, on the console log
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A one-host cluster on 127.0.0.1 (the only address tests may use); admin API ports are closed.</summary>
    private string WriteCluster(int nfsPort, string clients, int? analyticsPort = null)
    {
        var path = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(path, $"""
            source:
              url: rsync://127.0.0.1:{FreePort.Next()}/dumps/
            datasets:
              - name: xmldatadumps
                path: public
            hosts:
              - name: dumps1
                public_address: 127.0.0.1
                admin_address: 127.0.0.1:{FreePort.Next()}
                root: {Path.Combine(_dir, "srv")}
            services:
              web:
                active: dumps1
                listen: http://127.0.0.1:{FreePort.Next()}
              rsync:
                active: dumps1
                port: {FreePort.Next()}
              nfs-vps:
                active: dumps1
                port: {nfsPort}
                clients: {clients}
              nfs-analytics:
                active: dumps1
                port: {analyticsPort ?? nfsPort}
                clients: []
            """);
        return path;
    }
}
