using System.Globalization;
using System.Text;

namespace DumpDist.Mirrors.Downloads;

/// <summary>Bencoding (BEP 3): integers, byte strings, lists, and dictionaries with keys in raw byte order.</summary>
internal static class Bencode
{
    /// <summary>Encodes <paramref name="value"/>: long, string (UTF-8), byte[], IReadOnlyList&lt;object&gt; or IReadOnlyDictionary&lt;string, object&gt;.</summary>
    public static byte[] Encode(object value)
    {
        using var stream = new MemoryStream();
        Write(stream, value);
        return stream.ToArray();
    }

    private static void Write(MemoryStream stream, object value)
    {
        switch (value)
        {
            case long number:
                Ascii(stream, string.Create(CultureInfo.InvariantCulture, $"i{number}e"));
                break;
            case int number:
                Ascii(stream, string.Create(CultureInfo.InvariantCulture, $"i{number}e"));
                break;
            case string text:
                Bytes(stream, Encoding.UTF8.GetBytes(text));
                break;
            case byte[] bytes:
                Bytes(stream, bytes);
                break;
            case IReadOnlyDictionary<string, object> dictionary:
                stream.WriteByte((byte)'d');
                foreach (var (key, item) in dictionary.OrderBy(p => Encoding.UTF8.GetBytes(p.Key), ByteOrder.Instance))
                {
                    Bytes(stream, Encoding.UTF8.GetBytes(key));
                    Write(stream, item);
                }

                stream.WriteByte((byte)'e');
                break;
            case IEnumerable<object> list:
                stream.WriteByte((byte)'l');
                foreach (var item in list)
                {
                    Write(stream, item);
                }

                stream.WriteByte((byte)'e');
                break;
            default:
                throw new ArgumentException($"cannot bencode {value.GetType().Name}", nameof(value));
        }
    }

    private static void Bytes(MemoryStream stream, byte[] bytes)
    {
        Ascii(stream, bytes.Length.ToString(CultureInfo.InvariantCulture) + ":");
        stream.Write(bytes);
    }

    private static void Ascii(MemoryStream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
