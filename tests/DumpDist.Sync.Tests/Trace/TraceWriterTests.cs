using System.Text.Json;
using DumpDist.Sync.Trace;

namespace DumpDist.Sync.Tests.Trace;

public sealed class TraceWriterTests
{
    private static readonly SyncTrace Trace = new()
    {
        Host = "dumps-a",
        Dataset = "xmldumps",
        Source = "rsync://gen.example/dumps/",
        Started = new DateTimeOffset(2026, 11, 25, 19, 0, 0, 123, TimeSpan.Zero),
        Completed = new DateTimeOffset(2026, 11, 25, 19, 2, 30, TimeSpan.Zero),
        Bytes = 2_154_713_600,
        Files = 20_400,
        StageSeconds = new Dictionary<string, double> { ["data"] = 2.25, ["status"] = 0.2, ["publish"] = 0.01 },
    };

    [Fact]
    public void Serialize_ReadsBackAsTheSameTrace()
    {
        var read = JsonSerializer.Deserialize(TraceWriter.Serialize(Trace), TraceJsonContext.Default.SyncTrace)!;

        Assert.Equal(Trace with { StageSeconds = read.StageSeconds }, read);
        Assert.Equal(Trace.StageSeconds, read.StageSeconds);
    }

    [Fact]
    public void Serialize_Timestamps_Rfc3339Utc()
    {
        var json = System.Text.Encoding.UTF8.GetString(TraceWriter.Serialize(Trace with { Started = new DateTimeOffset(2026, 11, 25, 20, 0, 0, 123, TimeSpan.FromHours(1)) }));

        Assert.Contains("\"started\": \"2026-11-25T19:00:00.123Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"completed\": \"2026-11-25T19:02:30Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_SameJsonAsTheGeneratedSerializer()
    {
        var generated = JsonSerializer.SerializeToUtf8Bytes(Trace, TraceJsonContext.Default.SyncTrace);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(generated), System.Text.Encoding.UTF8.GetString(TraceWriter.Serialize(Trace)));
    }

    [Fact]
    public async Task WriteAsync_AtomicFileUnderTraceDirectory_TryReadGetsItBack()
    {
        var root = TestSupport.TestPaths.NewTempDirectory("trace");
        try
        {
            await TraceWriter.WriteAsync(root, Trace, CancellationToken.None);

            Assert.Equal(Trace.Files, TraceWriter.TryRead(TraceWriter.PathFor(root, "dumps-a"))?.Files);
            Assert.Equal(["dumps-a.json"], Directory.GetFiles(Path.Combine(root, "trace")).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
