using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>The answer to a failover, drain or undrain: done or refused, why, and the assignments now.</summary>
public sealed record ChangeResponse
{
    /// <summary>True when the change was committed (or nothing needed to change).</summary>
    [JsonPropertyName("ok")]
    public bool Ok { get; init; }

    /// <summary>What happened, or why it was refused.</summary>
    [JsonPropertyName("message")]
    public string Message { get; init; } = string.Empty;

    /// <summary>The assignments after the call.</summary>
    [JsonPropertyName("assignments")]
    public AssignmentSet? Assignments { get; init; }

    /// <summary>The hosts that stored the change (peers store).</summary>
    [JsonPropertyName("acknowledged")]
    public IReadOnlyList<string> Acknowledged { get; init; } = [];
}
