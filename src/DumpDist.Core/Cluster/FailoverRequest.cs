using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>Body of <c>POST /api/v1/failover</c>: move <see cref="Service"/>'s clients to <see cref="To"/>.</summary>
public sealed record FailoverRequest
{
    /// <summary>web, rsync, nfs-vps or nfs-analytics.</summary>
    [JsonPropertyName("service")]
    public required string Service { get; init; }

    /// <summary>The host to move to.</summary>
    [JsonPropertyName("to")]
    public required string To { get; init; }

    /// <summary>Override the guards (target unhealthy, draining, older tree).</summary>
    [JsonPropertyName("force")]
    public bool Force { get; init; }

    /// <summary>Why, for the audit log.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
