using System.Text.Json.Serialization;

namespace DumpDist.Core.Cluster;

/// <summary>Source-generated JSON for the records that cross processes (admin API, peers, etcd, CLI); timestamps in RFC 3339 UTC.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(Formatting.Rfc3339JsonConverter)])]
[JsonSerializable(typeof(AssignmentSet))]
[JsonSerializable(typeof(AuditRecord))]
[JsonSerializable(typeof(AssignmentChange))]
[JsonSerializable(typeof(NodeState))]
[JsonSerializable(typeof(IReadOnlyList<AuditRecord>))]
[JsonSerializable(typeof(IReadOnlyList<AssignmentChange>))]
[JsonSerializable(typeof(FailoverRequest))]
[JsonSerializable(typeof(IReadOnlyList<ServiceState>))]
[JsonSerializable(typeof(IReadOnlyList<DatasetState>))]
[JsonSerializable(typeof(DrainRequest))]
[JsonSerializable(typeof(ChangeResponse))]
[JsonSerializable(typeof(SyncTriggerResponse))]
public sealed partial class ClusterJsonContext : JsonSerializerContext;
