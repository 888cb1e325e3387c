using System.Buffers.Binary;

namespace DumpDist.Nfs.Probe;

/// <summary>
/// Record marking for RPC over TCP (RFC 5531 section 11): each fragment is preceded by a
/// 4-byte big-endian header whose top bit marks the last fragment and whose low 31 bits hold
/// the fragment length.
/// </summary>
internal static class RecordMarking
{
    /// <summary>One record as a single last fragment.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> payload) => EncodeFragments(payload, int.MaxValue);

    /// <summary>One record split into fragments of at most <paramref name="maxFragment"/> bytes.</summary>
    public static byte[] EncodeFragments(ReadOnlySpan<byte> payload, int maxFragment)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFragment, 1);
        var fragments = Math.Max(1, (payload.Length + maxFragment - 1) / maxFragment);
        var output = new byte[payload.Length + (fragments * 4)];
        var offset = 0;
        var written = 0;
        do
        {
            var length = Math.Min(maxFragment, payload.Length - offset);
            var last = offset + length >= payload.Length;
            var header = (uint)length | (last ? RpcConstants.LastFragmentBit : 0);
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(written), header);
            payload.Slice(offset, length).CopyTo(output.AsSpan(written + 4));
            written += 4 + length;
            offset += length;
        }
        while (offset < payload.Length);

        return output;
    }

    /// <summary>
    /// Reads one whole record (all its fragments) from <paramref name="stream"/>. Short reads are
    /// retried; a stream that ends mid-record or a record larger than <paramref name="maxRecordLength"/>
    /// is a failure result, never an exception.
    /// </summary>
    public static async Task<RecordReadResult> ReadRecordAsync(Stream stream, int maxRecordLength, CancellationToken cancellationToken)
    {
        using var record = new MemoryStream();
        var header = new byte[4];
        while (true)
        {
            if (!await TryReadExactlyAsync(stream, header, cancellationToken))
            {
                return RecordReadResult.Fail(record.Length == 0 ? "connection closed before a reply" : "connection closed between fragments");
            }

            var mark = BinaryPrimitives.ReadUInt32BigEndian(header);
            var length = (int)(mark & RpcConstants.FragmentLengthMask);
            if (record.Length + length > maxRecordLength)
            {
                return RecordReadResult.Fail($"reply record longer than {maxRecordLength} bytes (fragment of {length})");
            }

            var fragment = new byte[length];
            if (!await TryReadExactlyAsync(stream, fragment, cancellationToken))
            {
                return RecordReadResult.Fail($"connection closed inside a fragment of {length} bytes");
            }

            record.Write(fragment);
            if ((mark & RpcConstants.LastFragmentBit) != 0)
            {
                return RecordReadResult.Ok(record.ToArray());
            }
        }
    }

    private static async Task<bool> TryReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return read == buffer.Length;
    }
}
