using System.Text.Json.Serialization;

namespace DumpDist.Web.Hosting;

/// <summary>The health endpoint's body.</summary>
internal sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("draining_since")] DateTimeOffset? DrainingSince);
