using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DumpDist.Web.Serving;

/// <summary>The multipart/byteranges framing (RFC 9110 section 14.6) with its exact total length.</summary>
internal sealed class MultipartFraming
{
    public MultipartFraming(IReadOnlyList<ByteRange> ranges, long totalLength, string contentType)
    {
        Boundary = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        PartHeaders = new byte[ranges.Count][];
        long length = 0;
        for (var i = 0; i < ranges.Count; i++)
        {
            var r = ranges[i];
            PartHeaders[i] = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"\r\n--{Boundary}\r\nContent-Type: {contentType}\r\nContent-Range: bytes {r.First}-{r.Last}/{totalLength}\r\n\r\n"));
            length += PartHeaders[i].Length + r.Length;
        }

        Trailer = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        ContentLength = length + Trailer.Length;
    }

    public string Boundary { get; }

    public byte[][] PartHeaders { get; }

    public byte[] Trailer { get; }

    public long ContentLength { get; }

    public string ContentType => "multipart/byteranges; boundary=" + Boundary;
}
