using System.Text;
using Google.Protobuf;

namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// The key layout under the prefix: <c>&lt;prefix&gt;assignments</c> holds the JSON set and
/// <c>&lt;prefix&gt;audit/&lt;epoch, 20 digits&gt;</c> one JSON audit record per epoch, so that
/// keys sort as epochs do.
/// </summary>
internal sealed class EtcdKeys
{
    public EtcdKeys(string prefix)
    {
        Prefix = prefix;
        Assignments = ByteString.CopyFromUtf8(prefix + "assignments");
        AuditPrefix = ByteString.CopyFromUtf8(prefix + "audit/");
        AuditRangeEnd = RangeEnd(AuditPrefix);
    }

    public string Prefix { get; }

    public ByteString Assignments { get; }

    public ByteString AuditPrefix { get; }

    /// <summary>The end of the audit range: the prefix with its last byte incremented (etcd's range convention).</summary>
    public ByteString AuditRangeEnd { get; }

    public ByteString Audit(long epoch) =>
        ByteString.CopyFrom(Encoding.UTF8.GetBytes($"{Prefix}audit/{epoch:D20}"));

    private static ByteString RangeEnd(ByteString prefix)
    {
        var end = prefix.ToByteArray();
        for (var i = end.Length - 1; i >= 0; i--)
        {
            if (end[i] < 0xff)
            {
                end[i]++;
                return ByteString.CopyFrom(end, 0, i + 1);
            }
        }

        // A prefix of 0xff bytes only: etcd reads "\0" as "to the end of the keyspace".
        return ByteString.CopyFrom(0);
    }
}
