using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>One change of the assignments (failover, drain, undrain), kept by every node and listed by <c>GET /api/v1/audit</c>.</summary>
public sealed record AuditRecord
{
    /// <summary>The epoch the change produced.</summary>
    [JsonPropertyName("epoch")]
    public long Epoch { get; init; }

    /// <summary>When the change was made (UTC).</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; init; }

    /// <summary>The name of the admin token that made it.</summary>
    [JsonPropertyName("token")]
    public string Token { get; init; } = string.Empty;

    /// <summary><c>failover</c>, <c>drain</c> or <c>undrain</c>.</summary>
    [JsonPropertyName("action")]
    public string Action { get; init; } = string.Empty;

    /// <summary>The service moved (failover), or null.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; init; }

    /// <summary>The host the service (or services) left, or the host drained.</summary>
    [JsonPropertyName("from")]
    public string? From { get; init; }

    /// <summary>The host the service (or services) went to.</summary>
    [JsonPropertyName("to")]
    public string? To { get; init; }

    /// <summary>The operator's reason.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>True when a guard was overridden with <c>--force</c>.</summary>
    [JsonPropertyName("forced")]
    public bool Forced { get; init; }
}
