using System.Text.Json.Serialization;

namespace DumpDist.Web.Hosting;

/// <summary>The health endpoint's body; <c>draining_since</c> in RFC 3339 UTC like every timestamp the web writes.</summary>
internal sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("draining_since")] string? DrainingSince)
{
    public static HealthReport Of(bool draining, DateTimeOffset? since) =>
        new(draining ? "draining" : "ok", since is { } s ? Core.Formatting.Rfc3339.Format(s) : null);
}
