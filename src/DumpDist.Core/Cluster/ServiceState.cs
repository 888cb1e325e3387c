using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>One service on one node: is it working here, and is this node where its clients go.</summary>
public sealed record ServiceState
{
    /// <summary>Config name: <c>web</c>, <c>rsync</c>, <c>nfs-vps</c>, <c>nfs-analytics</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The host the assignments send this service's clients to.</summary>
    [JsonPropertyName("active")]
    public required string Active { get; init; }

    /// <summary>True when the service works on this host (listening, its server process up).</summary>
    [JsonPropertyName("working")]
    public bool Working { get; init; }

    /// <summary>What <c>/healthz/&lt;service&gt;</c> answers here: 200 (true) or 503.</summary>
    [JsonPropertyName("healthy")]
    public bool Healthy { get; init; }

    /// <summary>Why, in words.</summary>
    [JsonPropertyName("detail")]
    public string Detail { get; init; } = string.Empty;
}
