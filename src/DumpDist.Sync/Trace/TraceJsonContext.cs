using System.Text.Json.Serialization;

namespace DumpDist.Sync.Trace;

/// <summary>Source-generated JSON for the trace: no reflection warm-up at the end of each pass.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SyncTrace))]
internal sealed partial class TraceJsonContext : JsonSerializerContext;
