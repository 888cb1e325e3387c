using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>One dataset's sync status on one node.</summary>
public sealed record DatasetState
{
    /// <summary>The dataset name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Outcome of the last pass (<c>ok</c>, <c>rsync-failed</c>, ...), or null before the first.</summary>
    [JsonPropertyName("last_outcome")]
    public string? LastOutcome { get; init; }

    /// <summary>When the last pass ended.</summary>
    [JsonPropertyName("last_pass")]
    public DateTimeOffset? LastPass { get; init; }

    /// <summary>When the last good pass started (the tree is at least as new as the source then).</summary>
    [JsonPropertyName("last_good_started")]
    public DateTimeOffset? LastGoodStarted { get; init; }

    /// <summary>When the last good pass completed (from the trace file).</summary>
    [JsonPropertyName("last_good_completed")]
    public DateTimeOffset? LastGoodCompleted { get; init; }

    /// <summary>The sync interval, seconds (for freshness judgements), or null for cron schedules.</summary>
    [JsonPropertyName("interval_seconds")]
    public double? IntervalSeconds { get; init; }

    /// <summary>True while a pass runs.</summary>
    [JsonPropertyName("running")]
    public bool Running { get; init; }
}
