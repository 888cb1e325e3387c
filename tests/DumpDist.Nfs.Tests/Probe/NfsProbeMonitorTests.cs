using DumpDist.Nfs.Metrics;
using DumpDist.Nfs.Probe;
using DumpDist.Nfs.Tests.Support;
using DumpDist.TestSupport;
using Prometheus;

namespace DumpDist.Nfs.Tests.Probe;

public sealed class NfsProbeMonitorTests
{
    [Fact]
    public async Task ProbeAllAsync_OneUpOneDown_RecordsResultsAndGauges()
    {
        var tree = TestPaths.NewTempDirectory("monitor-tree");
        try
        {
            await using var ganesha = await GaneshaServer.StartAsync(tree, ["127.0.0.1"]);
            var registry = Prometheus.Metrics.NewCustomRegistry();
            var servers = new Dictionary<string, NfsEndpoint>
            {
                ["dumps1"] = ganesha.Endpoint,
                ["dumps2"] = new("127.0.0.1", FreePort.Next()),
            };
            using var monitor = new NfsProbeMonitor(servers, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), new NfsProbe(), new NfsMetrics(registry), TimeProvider.System);

            await monitor.ProbeAllAsync(CancellationToken.None);

            Assert.True(monitor.Last["dumps1"].IsUp);
            Assert.False(monitor.Last["dumps2"].IsUp);
            var text = await MetricsText.ExportAsync(registry);
            Assert.Contains("dumpdist_nfs_probe_up{server=\"dumps1\"} 1", text);
            Assert.Contains("dumpdist_nfs_probe_up{server=\"dumps2\"} 0", text);
            var latency = System.Text.RegularExpressions.Regex.Match(text, @"dumpdist_nfs_probe_latency_seconds\{server=""dumps1""\} (\S+)");
            Assert.InRange(double.Parse(latency.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1e-7, 2.0);
            Assert.DoesNotContain("dumpdist_nfs_probe_latency_seconds{server=\"dumps2\"}", text);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }
}
