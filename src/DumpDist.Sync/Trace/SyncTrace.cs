using System.Text.Json.Serialization;

namespace DumpDist.Sync.Trace;

/// <summary>The trace file a successful pass leaves at `&lt;root&gt;/trace/&lt;host&gt;.json` (like Debian's mirror traces).</summary>
public sealed record SyncTrace
{
    [JsonPropertyName("host")]
    public required string Host { get; init; }

    [JsonPropertyName("dataset")]
    public required string Dataset { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("started")]
    public required DateTimeOffset Started { get; init; }

    [JsonPropertyName("completed")]
    public required DateTimeOffset Completed { get; init; }

    [JsonPropertyName("bytes")]
    public long Bytes { get; init; }

    [JsonPropertyName("files")]
    public long Files { get; init; }

    /// <summary>Seconds spent per step: "plan", "refetch", "data", "status", "catch-up", "publish", "verify".</summary>
    [JsonPropertyName("stage_seconds")]
    public required IReadOnlyDictionary<string, double> StageSeconds { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = DumpDist.Core.CoreAssembly.Version;
}
