using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>A committed decision: the new set and the audit record that explains it (replicated together).</summary>
public sealed record AssignmentChange
{
    /// <summary>The new assignments.</summary>
    [JsonPropertyName("assignments")]
    public required AssignmentSet Assignments { get; init; }

    /// <summary>Why they changed.</summary>
    [JsonPropertyName("audit")]
    public required AuditRecord Audit { get; init; }
}
