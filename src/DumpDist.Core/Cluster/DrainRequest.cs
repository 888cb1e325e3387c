using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>Body of <c>POST /api/v1/drain</c> and <c>POST /api/v1/undrain</c>.</summary>
public sealed record DrainRequest
{
    /// <summary>The host to drain or undrain.</summary>
    [JsonPropertyName("host")]
    public required string Host { get; init; }

    /// <summary>Drain even when a service has no healthy peer to move to.</summary>
    [JsonPropertyName("force")]
    public bool Force { get; init; }

    /// <summary>Why, for the audit log.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
