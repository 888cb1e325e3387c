using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>Source-generated JSON for the records that cross processes (admin API, peers, etcd, CLI).</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AssignmentSet))]
[JsonSerializable(typeof(AuditRecord))]
[JsonSerializable(typeof(AssignmentChange))]
[JsonSerializable(typeof(NodeState))]
[JsonSerializable(typeof(IReadOnlyList<AuditRecord>))]
public sealed partial class ClusterJsonContext : JsonSerializerContext;
