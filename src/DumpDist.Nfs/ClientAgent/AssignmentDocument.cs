using System.Text.Json.Serialization;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>The body of <c>GET /api/v1/assignments</c>: <c>{"epoch": N, "services": {"nfs-vps": "dumps1", ...}}</c>.</summary>
internal sealed record AssignmentDocument(
    [property: JsonPropertyName("epoch")] long Epoch,
    [property: JsonPropertyName("services")] Dictionary<string, string>? Services);
