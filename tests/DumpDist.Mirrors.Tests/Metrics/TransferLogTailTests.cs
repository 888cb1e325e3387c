using System.Net;
using DumpDist.Core.Configuration;
using DumpDist.Mirrors.Metrics;
using DumpDist.Mirrors.Tests.Support;
using Prometheus;

namespace DumpDist.Mirrors.Tests.Metrics;

public sealed class TransferLogTailTests
{
    private static readonly MirrorConfig MirrorA = new()
    {
        Name = "mirror-a",
        Url = new Uri("https://a.example.org/"),
        Hostname = "a.example.org",
        Ipv4 = [IPNetwork.Parse("127.0.0.1/32")],
    };

    [Fact]
    public async Task ReadNew_RealDaemonLog_CountsPullsByRegistryNameAndRefusalsAsUnregistered()
    {
        await using var daemon = await DaemonUnderTest.StartAsync(allow: ["127.0.0.1/32"]);
        var registry = new CollectorRegistry();
        var metrics = new MirrorMetrics(registry);
        var tail = new TransferLogTail(daemon.Supervisor.Paths.LogFile, () => [MirrorA], metrics, () => daemon.Supervisor.Status, TimeSpan.FromSeconds(10), TimeProvider.System);
        tail.ReadNew();

        Assert.Equal(0, (await RsyncClient.PullAsync(daemon.Port, "last-1-good", daemon.NewDestination())).ExitCode);
        Assert.NotEqual(0, (await RsyncClient.PullAsync(daemon.Port, "last-1-good", daemon.NewDestination(), from: "127.0.0.2")).ExitCode);
        Assert.True(await DumpDist.TestSupport.Eventually.TrueAsync(() => { tail.ReadNew(); return metrics.Pulls.ContainsKey(MirrorIdentifier.Unregistered) && metrics.Pulls.ContainsKey("mirror-a"); }, TimeSpan.FromSeconds(10)), daemon.Log());

        var a = metrics.Pulls["mirror-a"];
        Assert.Equal(1, a.Pulls);
        Assert.Equal(5, a.Files);
        Assert.True(a.BytesSent > 2000, a.ToString());
        Assert.NotNull(a.LastPull);
        Assert.Equal(1, metrics.Pulls[MirrorIdentifier.Unregistered].Refused);
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var exposition = System.Text.Encoding.UTF8.GetString(text.ToArray());
        Assert.Contains("dumpdist_mirror_pulls_total{mirror=\"mirror-a\"} 1", exposition, StringComparison.Ordinal);
        Assert.Contains("dumpdist_rsyncd_running 1", exposition, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0", exposition, StringComparison.Ordinal);
    }
}
