using System.Security.Cryptography;
using Xunit.Abstractions;
using DumpDist.Node.Tests.LoadBalancing.Support;

namespace DumpDist.Node.Tests.LoadBalancing;

/// <summary>
/// Real HAProxy on the rendered configuration in front of two stub nodes on 127.0.0.2 and
/// 127.0.0.3: requests follow the nodes' /healthz answers, and a failover leaves running
/// downloads alone. Bounds are wide (the rendered checks move within about two seconds).
/// </summary>
public sealed class HaproxyFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Web_ActiveHealthyStandbyUnavailable_EveryRequestReachesActive()
    {
        await using var pair = await BalancedPair.StartAsync();
        pair.A.WebHealthy = true;

        // Servers start up as usable until their first check; wait for b's 503 to be seen.
        var settled = await Eventually.WithinAsync(Settle, () => pair.WebAlwaysReachesAsync("a", 4));
        Assert.True(settled is not null, $"requests never settled on a; haproxy said:\n{pair.Haproxy.Output}");

        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await pair.WhoAmIAsync());
        }

        Assert.All(answers, name => Assert.Equal("a", name));
    }

    [Fact]
    public async Task Web_HealthMovesFromAToB_NewRequestsReachBWithinFiveSeconds()
    {
        await using var pair = await BalancedPair.StartAsync();
        pair.A.WebHealthy = true;
        Assert.True(await Eventually.WithinAsync(Settle, () => pair.WebAlwaysReachesAsync("a", 4)) is not null, pair.Haproxy.Output);

        pair.A.WebHealthy = false;
        pair.B.WebHealthy = true;
        var firstOnB = await Eventually.WithinAsync(FailoverBound, async () => await pair.WhoAmIAsync() == "b");
        var onlyB = await Eventually.WithinAsync(FailoverBound, () => pair.WebAlwaysReachesAsync("b", 4));

        output.WriteLine($"first request on b after {firstOnB?.TotalSeconds:0.00} s, only b after a further {onlyB?.TotalSeconds:0.00} s");
        Assert.True(firstOnB is not null, $"no request reached b within {FailoverBound}; haproxy said:\n{pair.Haproxy.Output}");
        Assert.True(onlyB is not null, $"requests still reached a {FailoverBound} after the first reached b; haproxy said:\n{pair.Haproxy.Output}");
        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await pair.WhoAmIAsync());
        }

        Assert.All(answers, name => Assert.Equal("b", name));
    }

    [Fact]
    public async Task Web_DownloadStartedBeforeFailover_CompletesInFullFromA()
    {
        await using var pair = await BalancedPair.StartAsync();
        pair.A.WebHealthy = true;
        Assert.True(await Eventually.WithinAsync(Settle, () => pair.WebAlwaysReachesAsync("a", 4)) is not null, pair.Haproxy.Output);
        using var response = await pair.Http.GetAsync("big", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("a", Assert.Single(response.Headers.GetValues("X-Stub")));
        var body = await response.Content.ReadAsStreamAsync();
        var received = 0L;
        var download = Task.Run(async () =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                Interlocked.Add(ref received, read);
            }

            return hash.GetHashAndReset();
        });
        Assert.True(await Eventually.WithinAsync(Settle, () => Task.FromResult(Interlocked.Read(ref received) > 0)) is not null, "the download never started");

        pair.A.WebHealthy = false;
        pair.B.WebHealthy = true;
        var moved = await Eventually.WithinAsync(FailoverBound, () => pair.WebAlwaysReachesAsync("b", 4));
        var receivedAtFailover = Interlocked.Read(ref received);
        var runningAtFailover = !download.IsCompleted;
        var digest = await download.WaitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine($"failover seen after {moved?.TotalSeconds:0.00} s with {receivedAtFailover} of {StubNode.BigSize} bytes received");

        Assert.True(moved is not null, $"new requests never moved to b; haproxy said:\n{pair.Haproxy.Output}");
        Assert.True(runningAtFailover, $"the download ended before the failover was seen ({receivedAtFailover} bytes); it proves nothing");
        Assert.True(receivedAtFailover < StubNode.BigSize, $"{receivedAtFailover} bytes had arrived when the failover was seen");
        Assert.Equal(StubNode.BigSize, Interlocked.Read(ref received));
        Assert.Equal(Convert.ToHexString(ExpectedBigDigest()), Convert.ToHexString(digest));
    }

    [Fact]
    public async Task Rsync_HealthyHost_GetsTheConnectionWithTheClientAddress()
    {
        await using var pair = await BalancedPair.StartAsync();
        pair.A.RsyncHealthy = true;
        var onA = await Eventually.WithinAsync(Settle, async () => await AllGreetingsFromAsync(pair, "a"));
        Assert.True(onA is not null, $"rsync never settled on a; haproxy said:\n{pair.Haproxy.Output}");

        pair.A.RsyncHealthy = false;
        pair.B.RsyncHealthy = true;
        var onB = await Eventually.WithinAsync(FailoverBound, async () => await AllGreetingsFromAsync(pair, "b"));
        output.WriteLine($"rsync on b after {onB?.TotalSeconds:0.00} s");

        Assert.True(onB is not null, $"rsync connections never moved to b; haproxy said:\n{pair.Haproxy.Output}");
        Assert.Equal("@RSYNCD: 31.0 stub b client 127.0.0.1", await pair.RsyncGreetingAsync());
    }

    private static async Task<bool> AllGreetingsFromAsync(BalancedPair pair, string name)
    {
        for (var i = 0; i < 4; i++)
        {
            if (!(await pair.RsyncGreetingAsync()).StartsWith($"@RSYNCD: 31.0 stub {name} ", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] ExpectedBigDigest()
    {
        var content = new byte[StubNode.BigSize];
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = StubNode.BigByte(i);
        }

        return SHA256.HashData(content);
    }
}
