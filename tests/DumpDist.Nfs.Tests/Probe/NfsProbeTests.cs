using System.Diagnostics;
using DumpDist.Nfs.Probe;
using DumpDist.Nfs.Tests.Support;
using DumpDist.TestSupport;

namespace DumpDist.Nfs.Tests.Probe;

public sealed class NfsProbeTests
{
    private readonly NfsProbe _probe = new();

    [Fact]
    public async Task ProbeAsync_RealGanesha_IsUpWithLatency()
    {
        var tree = TestPaths.NewTempDirectory("probe-tree");
        try
        {
            await using var ganesha = await GaneshaServer.StartAsync(tree, ["127.0.0.1"]);

            var result = await _probe.ProbeAsync(ganesha.Endpoint, TimeSpan.FromSeconds(5), CancellationToken.None);

            Assert.True(result.IsUp, result.Detail);
            Assert.InRange(result.Latency, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(5));
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    [Fact]
    public async Task ProbeAsync_ClosedPort_IsDownWithConnectReason()
    {
        var endpoint = new NfsEndpoint("127.0.0.1", FreePort.Next());

        var result = await _probe.ProbeAsync(endpoint, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.False(result.IsUp);
        Assert.Contains("connect failed", result.Detail);
        Assert.Contains("ConnectionRefused", result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_ServerAcceptsButNeverAnswers_IsDownWithinTimeout()
    {
        await using var silent = new ScriptedTcpServer((stream, ct) => Task.Delay(Timeout.Infinite, ct));
        var timeout = TimeSpan.FromMilliseconds(500);
        var clock = Stopwatch.StartNew();

        var result = await _probe.ProbeAsync(new NfsEndpoint("127.0.0.1", silent.Port), timeout, CancellationToken.None);

        clock.Stop();
        Assert.False(result.IsUp);
        Assert.Contains("timed out after 0.5 s waiting for reply", result.Detail);
        Assert.InRange(clock.Elapsed, timeout - TimeSpan.FromMilliseconds(50), timeout + TimeSpan.FromSeconds(2)); // timers may fire a hair early
    }

    [Fact]
    public async Task ProbeAsync_ServerClosesWithoutReply_IsDown()
    {
        await using var rude = new ScriptedTcpServer(async (stream, ct) =>
        {
            await ScriptedTcpServer.ReadCallXidAsync(stream, ct);
            stream.Close();
        });

        var result = await _probe.ProbeAsync(new NfsEndpoint("127.0.0.1", rude.Port), TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.False(result.IsUp);
        Assert.Contains("connection closed before a reply", result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_ServerSpeaksOnlyNfs3_IsDownWithProgMismatch()
    {
        await using var nfs3 = new ScriptedTcpServer(async (stream, ct) =>
        {
            var xid = await ScriptedTcpServer.ReadCallXidAsync(stream, ct);
            await stream.WriteAsync(RecordMarking.Encode(RpcReplies.Accepted(xid, 2, 3, 3)), ct);
        });

        var result = await _probe.ProbeAsync(new NfsEndpoint("127.0.0.1", nfs3.Port), TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.False(result.IsUp);
        Assert.Contains("PROG_MISMATCH", result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_ReplyInOneByteFragmentsWrittenSlowly_IsUp()
    {
        await using var slow = new ScriptedTcpServer(async (stream, ct) =>
        {
            var xid = await ScriptedTcpServer.ReadCallXidAsync(stream, ct);
            foreach (var b in RecordMarking.EncodeFragments(RpcReplies.Accepted(xid, 0), 1))
            {
                await stream.WriteAsync(new[] { b }, ct);
                await stream.FlushAsync(ct);
            }
        });

        var result = await _probe.ProbeAsync(new NfsEndpoint("127.0.0.1", slow.Port), TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(result.IsUp, result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_ServerSendsHttp_IsDownWithReason()
    {
        await using var http = new ScriptedTcpServer(async (stream, ct) =>
        {
            await ScriptedTcpServer.ReadCallXidAsync(stream, ct);
            await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), ct);
            stream.Close();
        });

        var result = await _probe.ProbeAsync(new NfsEndpoint("127.0.0.1", http.Port), TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.False(result.IsUp);
        Assert.Contains("longer than", result.Detail);
    }
}
