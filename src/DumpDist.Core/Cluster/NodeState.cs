using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>What a node says about itself (<c>GET /api/v1/state</c>): the source of <c>dumpdist status</c> and of failover guards.</summary>
public sealed record NodeState
{
    /// <summary>The host's name in the cluster file.</summary>
    [JsonPropertyName("host")]
    public required string Host { get; init; }

    /// <summary>dumpdist's version.</summary>
    [JsonPropertyName("version")]
    public string Version { get; init; } = string.Empty;

    /// <summary>When the node started (UTC).</summary>
    [JsonPropertyName("started")]
    public DateTimeOffset Started { get; init; }

    /// <summary>When this state was read (UTC).</summary>
    [JsonPropertyName("now")]
    public DateTimeOffset Now { get; init; }

    /// <summary>True while this host is draining.</summary>
    [JsonPropertyName("draining")]
    public bool Draining { get; init; }

    /// <summary>The assignments this node holds.</summary>
    [JsonPropertyName("assignments")]
    public required AssignmentSet Assignments { get; init; }

    /// <summary>False while the assignment store (peers or etcd) cannot be reached; the node keeps its last known set.</summary>
    [JsonPropertyName("store_reachable")]
    public bool StoreReachable { get; init; } = true;

    /// <summary>The configured services on this host.</summary>
    [JsonPropertyName("services")]
    public IReadOnlyList<ServiceState> Services { get; init; } = [];

    /// <summary>Sync status per dataset.</summary>
    [JsonPropertyName("datasets")]
    public IReadOnlyList<DatasetState> Datasets { get; init; } = [];
}
