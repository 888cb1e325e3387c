using System.Text.Json;
using DumpDist.Core.Cluster;
using Google.Protobuf;

namespace DumpDist.Node.Assignments.Etcd;

/// <summary>The JSON of the values, through the source-generated <see cref="ClusterJsonContext"/>.</summary>
internal static class EtcdCodec
{
    public static ByteString Encode(AssignmentSet set) =>
        ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(set, ClusterJsonContext.Default.AssignmentSet));

    public static ByteString Encode(AuditRecord record) =>
        ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(record, ClusterJsonContext.Default.AuditRecord));

    /// <summary>The set in <paramref name="value"/>, or null with <paramref name="error"/> when it is not one.</summary>
    public static AssignmentSet? DecodeSet(ByteString value, out string? error) =>
        Decode(value, ClusterJsonContext.Default.AssignmentSet, out error);

    public static AuditRecord? DecodeAudit(ByteString value, out string? error) =>
        Decode(value, ClusterJsonContext.Default.AuditRecord, out error);

    private static T? Decode<T>(ByteString value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, out string? error)
        where T : class
    {
        try
        {
            var decoded = JsonSerializer.Deserialize(value.Span, type);
            error = decoded is null ? "the value is JSON null" : null;
            return decoded;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
    }
}
