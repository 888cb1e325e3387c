using DumpDist.Core.IO;
using System.Text.Json;

namespace DumpDist.Sync.Trace;

/// <summary>Writes and reads `&lt;root&gt;/trace/&lt;host&gt;.json`.</summary>
public static class TraceWriter
{
    /// <summary>The trace path of <paramref name="host"/> under <paramref name="root"/>.</summary>
    public static string PathFor(string root, string host) => Path.Combine(root, "trace", host + ".json");

    /// <summary>Atomically replaces the host's trace file.</summary>
    public static Task WriteAsync(string root, SyncTrace trace, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(PathFor(root, trace.Host), JsonSerializer.SerializeToUtf8Bytes(trace, TraceJsonContext.Default.SyncTrace), cancellationToken);

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
