using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>
/// Which host each service's clients go to, and which hosts are draining, at one epoch. The
/// record every node keeps and the body of <c>GET /api/v1/assignments</c>
/// (<c>{"epoch": N, "services": {"nfs-vps": "dumps1", ...}, "draining": [...]}</c>). The highest
/// epoch wins everywhere; epoch 0 is the cluster file's defaults.
/// </summary>
public sealed record AssignmentSet
{
    /// <summary>Monotonic decision number; a node keeps the highest it has seen.</summary>
    [JsonPropertyName("epoch")]
    public long Epoch { get; init; }

    /// <summary>Service config name (<c>web</c>, <c>rsync</c>, <c>nfs-vps</c>, <c>nfs-analytics</c>) to host name.</summary>
    [JsonPropertyName("services")]
    public IReadOnlyDictionary<string, string> Services { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Hosts that are draining (no service may be moved to them; their web refuses new downloads).</summary>
    [JsonPropertyName("draining")]
    public IReadOnlyList<string> Draining { get; init; } = [];

    /// <summary>When this decision was made (UTC).</summary>
    [JsonPropertyName("updated")]
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The host of <paramref name="service"/>, or null when the set does not name it.</summary>
    public string? HostOf(string service) => Services.TryGetValue(service, out var host) ? host : null;

    /// <summary>True when <paramref name="host"/> is draining.</summary>
    public bool IsDraining(string host) => Draining.Contains(host, StringComparer.Ordinal);
}
