using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>The answer to <c>POST /api/v1/sync</c>: which datasets' passes were started (and, when waited for, how they ended).</summary>
public sealed record SyncTriggerResponse
{
    /// <summary>The datasets asked to pass now.</summary>
    [JsonPropertyName("datasets")]
    public IReadOnlyList<string> Datasets { get; init; } = [];

    /// <summary>Outcome per dataset when the caller waited (<c>?wait=true</c>).</summary>
    [JsonPropertyName("outcomes")]
    public IReadOnlyDictionary<string, string>? Outcomes { get; init; }
}
