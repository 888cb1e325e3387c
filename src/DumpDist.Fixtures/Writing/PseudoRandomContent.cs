using System.Runtime.InteropServices;

namespace DumpDist.Fixtures.Writing;

/// <summary>
/// Cheap deterministic file content: a format magic header (so `file` and browsers see bz2, gzip, 7z,
/// zim) followed by xorshift64 output. Not a valid archive, only the right first bytes.
/// </summary>
internal struct PseudoRandomContent
{
    private static readonly byte[] Bz2 = "BZh91AY&SY"u8.ToArray();
    private static readonly byte[] Gzip = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03];
    private static readonly byte[] SevenZip = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04];
    private static readonly byte[] Zim = [0x5a, 0x49, 0x4d, 0x04];

    private ulong state;
    private ReadOnlyMemory<byte> header;
    private long position;

    public PseudoRandomContent(ulong key, string name)
    {
        state = key == 0 ? 0x9E3779B97F4A7C15UL : key;
        header = HeaderFor(name);
        position = 0;
    }

    /// <summary>Fills the next <paramref name="buffer"/>.Length bytes of the file.</summary>
    public void Fill(Span<byte> buffer)
    {
        var span = buffer;
        if (position < header.Length)
        {
            var count = (int)Math.Min(header.Length - position, span.Length);
            header.Span.Slice((int)position, count).CopyTo(span);
            span = span[count..];
        }

        var words = MemoryMarshal.Cast<byte, ulong>(span);
        var x = state;
        for (var i = 0; i < words.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            words[i] = x;
        }

        for (var i = words.Length * 8; i < span.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            span[i] = (byte)x;
        }

        state = x;
        position += buffer.Length;
    }

    private static byte[] HeaderFor(string name)
    {
        var final = name.EndsWith(".inprog", StringComparison.Ordinal) ? name[..^".inprog".Length] : name;
        return Path.GetExtension(final) switch
        {
            ".bz2" => Bz2,
            ".gz" => Gzip,
            ".7z" => SevenZip,
            ".zim" => Zim,
            _ => [],
        };
    }
}
