using Prometheus;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>The Prometheus text exposition of a registry, as /metrics would serve it.</summary>
internal static class MetricsText
{
    public static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
