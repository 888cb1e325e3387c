using System.Diagnostics.CodeAnalysis;

namespace DumpDist.Nfs.Probe;

/// <summary>A whole RPC record, or why one could not be read.</summary>
internal sealed record RecordReadResult(byte[]? Record, string? Error)
{
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Record is not null;

    public static RecordReadResult Ok(byte[] record) => new(record, null);

    public static RecordReadResult Fail(string error) => new(null, error);
}
