using System.Net;
using System.Net.Sockets;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Demo;

/// <summary>
/// `dumpdist demo` as a newcomer runs it: a real process with its real children (rsync daemons,
/// two `dumpdist node`s, ganesha), driven through what it prints.
/// </summary>
public sealed class DemoCommandTests
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Demo_Started_ServesSyncedBytesOnBothHostsFailoverWorksAndSigintLeavesNothing()
    {
        await using var demo = DemoProcess.Start();
        Assert.True(await demo.WaitReadyAsync(ReadyLimit), "no ready line:\n" + demo.Output);
        var directory = demo.Directory;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

        // The printed file, from both hosts, byte for byte the generation source's.
        var fileUrl = new Uri(DemoProcess.Words(demo.GuideLine("a file"))[^1]);
        var source = await File.ReadAllBytesAsync(Path.Combine(directory, "source", "public", fileUrl.AbsolutePath.TrimStart('/')));
        Assert.Equal(source, await http.GetByteArrayAsync(fileUrl));
        Assert.Equal(source, await http.GetByteArrayAsync(new Uri(fileUrl.ToString().Replace(demo.Address, demo.AddressB, StringComparison.Ordinal))));

        // The printed status page answers, with web on a.
        var statusUrl = new Uri(DemoProcess.Words(demo.GuideLine("status page"))[0]);
        var status = await http.GetStringAsync(statusUrl);
        Assert.Contains("<td><b>web</b></td><td class=\"active\" data-label=\"Active host\">a</td>", status, StringComparison.Ordinal);

        // The printed failover command, pasted: web moves to b; the balancer's health checks follow.
        var failover = DemoProcess.Words(demo.GuideLine("fail over"));
        var moved = await ExternalProgram.RunAsync(failover[0], failover.Skip(1), timeout: TimeSpan.FromMinutes(2));
        Assert.True(moved.ExitCode == 0, moved.StandardError + moved.StandardOutput);
        Assert.Contains("web=b", moved.StandardOutput, StringComparison.Ordinal);
        Assert.True(
            await Eventually.TrueAsync(async () => await StatusOfAsync(http, $"http://{demo.AddressB}:{demo.AdminPort}/healthz/web") == 200 && await StatusOfAsync(http, $"http://{demo.Address}:{demo.AdminPort}/healthz/web") == 503, TimeSpan.FromSeconds(30)),
            "web did not move to b");
        Assert.Contains("<td><b>web</b></td><td class=\"active\" data-label=\"Active host\">b</td>", await http.GetStringAsync(statusUrl), StringComparison.Ordinal);

        // Everything it started, each in its own process group; SIGINT leaves none of them and no state.
        var children = demo.Descendants();
        Assert.Contains(children, c => c.Command == "rsync");
        Assert.Equal(2, children.Count(c => c.Command == "dumpdist" || c.Command == "dotnet"));
        var groups = children.Select(c => c.Group).Distinct().ToList();
        Assert.DoesNotContain(ProcTable.Read(demo.Pid)!.Group, groups);
        await demo.SignalAsync("INT");
        Assert.Equal(0, await demo.WaitForExitAsync(StopLimit));
        Assert.All(children, c => Assert.False(ProcTable.IsAlive(c.Pid), $"{c.Command} ({c.Pid}) outlived the demo"));
        Assert.All(groups, g => Assert.Empty(ProcTable.GroupMembers(g)));
        Assert.False(Directory.Exists(directory), directory + " was not removed");
        Assert.Contains("dumpdist demo: removed " + directory, demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithoutRsyncOnPath_NamesThePackageAndExits1WithNothingLeft()
    {
        var empty = TestPaths.NewTempDirectory("demo-path");
        try
        {
            await using var demo = DemoProcess.Start(empty);

            Assert.Equal(1, await demo.WaitForExitAsync(TimeSpan.FromMinutes(1)));
            Assert.Contains("rsync is not installed (Debian package rsync)", demo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("state in", demo.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_WebPortTaken_SaysWhichAndHowToChooseExit2()
    {
        var address = $"127.{Random.Shared.Next(100, 200)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 250)}";
        using var taken = new TcpListener(IPAddress.Parse(address), 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await DumpDistProcess.RunAsync("demo", "--address", address, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{address}:{port} (host a's web) is already in use", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--port N", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("state in", result.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<int> StatusOfAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
