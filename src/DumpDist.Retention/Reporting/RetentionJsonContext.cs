using System.Text.Json.Serialization;
using DumpDist.Retention.Capacity;
using DumpDist.Retention.Compare;

namespace DumpDist.Retention.Reporting;

/// <summary>The <c>--json</c> output of cleanup, capacity and compare: snake_case, one object on one line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CleanupReport))]
[JsonSerializable(typeof(CapacityReport))]
[JsonSerializable(typeof(ComparisonReport))]
internal sealed partial class RetentionJsonContext : JsonSerializerContext;
