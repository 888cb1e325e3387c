using DumpDist.Core.Formatting;
using DumpDist.Core.IO;
using System.Buffers;
using System.Text.Json;

namespace DumpDist.Sync.Trace;

/// <summary>Writes and reads `&lt;root&gt;/trace/&lt;host&gt;.json`.</summary>
public static class TraceWriter
{
    /// <summary>The trace path of <paramref name="host"/> under <paramref name="root"/>.</summary>
    public static string PathFor(string root, string host) => Path.Combine(root, "trace", host + ".json");

    /// <summary>Atomically replaces the host's trace file.</summary>
    public static Task WriteAsync(string root, SyncTrace trace, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(PathFor(root, trace.Host), Serialize(trace), cancellationToken);

    /// <summary>
    /// The trace as indented JSON, written field by field: the serializer's first use costs a
    /// one-off pass about 12 ms. <see cref="TryRead"/> reads it back through the generated context.
    /// </summary>
    public static byte[] Serialize(SyncTrace trace)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("host", trace.Host);
            json.WriteString("dataset", trace.Dataset);
            json.WriteString("source", trace.Source);
            json.WriteString("started", Rfc3339.Format(trace.Started));
            json.WriteString("completed", Rfc3339.Format(trace.Completed));
            json.WriteNumber("bytes", trace.Bytes);
            json.WriteNumber("files", trace.Files);
            json.WriteStartObject("stage_seconds");
            foreach (var (stage, seconds) in trace.StageSeconds)
            {
                json.WriteNumber(stage, seconds);
            }

            json.WriteEndObject();
            json.WriteString("version", trace.Version);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a trace file; null when it is missing or unreadable.</summary>
    public static SyncTrace? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), TraceJsonContext.Default.SyncTrace);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
