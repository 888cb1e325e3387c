using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace DumpDist.Web.Qos;

/// <summary>
/// Parses a PROXY protocol header (HAProxy's spec, versions 1 and 2) at the start of a
/// connection. Returns how many bytes it used, so the HTTP parser starts right after it.
/// </summary>
internal static class ProxyHeaderParser
{
    private const int V1MaxLength = 107;
    private static readonly byte[] V1Prefix = "PROXY "u8.ToArray();
    private static readonly byte[] V2Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>What the start of the stream holds.</summary>
    internal enum Outcome
    {
        /// <summary>Not a PROXY header: leave the bytes to HTTP.</summary>
        None,

        /// <summary>Could be one; more bytes are needed.</summary>
        NeedMore,

        /// <summary>A complete header (the address may be null for LOCAL / UNKNOWN).</summary>
        Parsed,

        /// <summary>Started like one but is malformed: drop the connection.</summary>
        Invalid,
    }

    public static Outcome TryParse(ReadOnlySequence<byte> buffer, out long consumed, out IPAddress? source)
    {
        consumed = 0;
        source = null;
        Span<byte> head = stackalloc byte[Math.Min((int)Math.Min(buffer.Length, 232), 232)];
        buffer.Slice(0, head.Length).CopyTo(head);

        if (StartsLike(head, V2Signature))
        {
            return head.Length < 16 ? Outcome.NeedMore : ParseV2(head, buffer.Length, out consumed, out source);
        }

        if (StartsLike(head, V1Prefix))
        {
            return head.Length < V1Prefix.Length ? Outcome.NeedMore : ParseV1(head, out consumed, out source);
        }

        return Outcome.None;
    }

    private static bool StartsLike(ReadOnlySpan<byte> head, ReadOnlySpan<byte> prefix)
    {
        var n = Math.Min(head.Length, prefix.Length);
        return n > 0 && head[..n].SequenceEqual(prefix[..n]);
    }

    private static Outcome ParseV1(ReadOnlySpan<byte> head, out long consumed, out IPAddress? source)
    {
        consumed = 0;
        source = null;
        var end = head.IndexOf("\r\n"u8);
        if (end < 0)
        {
            return head.Length >= V1MaxLength ? Outcome.Invalid : Outcome.NeedMore;
        }

        var parts = Encoding.ASCII.GetString(head[..end]).Split(' ');
        if (parts.Length >= 2 && parts[1] == "UNKNOWN")
        {
            consumed = end + 2;
            return Outcome.Parsed;
        }

        if (parts.Length != 6 || (parts[1] != "TCP4" && parts[1] != "TCP6") || !IPAddress.TryParse(parts[2], out source))
        {
            source = null;
            return Outcome.Invalid;
        }

        consumed = end + 2;
        return Outcome.Parsed;
    }

    private static Outcome ParseV2(ReadOnlySpan<byte> head, long available, out long consumed, out IPAddress? source)
    {
        consumed = 0;
        source = null;
        var versionCommand = head[12];
        var family = head[13];
        var length = BinaryPrimitives.ReadUInt16BigEndian(head.Slice(14, 2));
        if ((versionCommand & 0xF0) != 0x20)
        {
            return Outcome.Invalid;
        }

        if (available < 16 + length)
        {
            return Outcome.NeedMore;
        }

        consumed = 16 + length;
        if ((versionCommand & 0x0F) == 0x00)
        {
            return Outcome.Parsed; // LOCAL: the proxy's own health check.
        }

        switch (family)
        {
            case 0x11 when length >= 12 && head.Length >= 20:
                source = new IPAddress(head.Slice(16, 4));
                return Outcome.Parsed;
            case 0x21 when length >= 36 && head.Length >= 32:
                source = new IPAddress(head.Slice(16, 16));
                return Outcome.Parsed;
            default:
                return Outcome.Parsed; // UNSPEC or unix sockets: keep the peer address.
        }
    }
}
