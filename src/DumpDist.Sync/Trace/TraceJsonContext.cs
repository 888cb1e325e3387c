using System.Text.Json.Serialization;

namespace DumpDist.Sync.Trace;

/// <summary>Source-generated JSON for the trace: no reflection warm-up at the end of each pass; timestamps in RFC 3339 UTC like every served document.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, Converters = [typeof(Core.Formatting.Rfc3339JsonConverter)])]
[JsonSerializable(typeof(SyncTrace))]
internal sealed partial class TraceJsonContext : JsonSerializerContext;
