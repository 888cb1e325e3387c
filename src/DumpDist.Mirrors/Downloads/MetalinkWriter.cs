using System.Globalization;
using System.Text;
using System.Xml;

namespace DumpDist.Mirrors.Downloads;

/// <summary>
/// Metalink 4 documents (RFC 5854) for one file: size, SHA-256 and SHA-1 where verification knows
/// them, and the URLs to fetch it from, the origin first. Served as <c>FILE.meta4</c>
/// (<c>application/metalink4+xml</c>).
/// </summary>
internal static class MetalinkWriter
{
    public const string MediaType = "application/metalink4+xml";

    public const string Suffix = ".meta4";

    private const string Namespace = "urn:ietf:params:xml:ns:metalink";

    /// <summary>
    /// The document for <paramref name="fileName"/>; <paramref name="urls"/> in order of preference (priority 1, 2, ...);
    /// <paramref name="torrent"/>, when the file has one, as a <c>metaurl</c> of media type torrent.
    /// </summary>
    public static string Render(string fileName, long size, byte[]? sha256, string? sha1Hex, IReadOnlyList<Uri> urls, DateTimeOffset? published = null, Uri? torrent = null)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("metalink", Namespace);
            xml.WriteElementString("generator", Namespace, "dumpdist/" + Core.CoreAssembly.Version);
            if (published is { } at)
            {
                xml.WriteElementString("published", Namespace, at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            }

            xml.WriteStartElement("file", Namespace);
            xml.WriteAttributeString("name", fileName);
            xml.WriteElementString("size", Namespace, size.ToString(CultureInfo.InvariantCulture));
            if (sha256 is not null)
            {
                Hash(xml, "sha-256", Convert.ToHexStringLower(sha256));
            }

            if (sha1Hex is not null)
            {
                Hash(xml, "sha-1", sha1Hex.ToLowerInvariant());
            }

            if (torrent is not null)
            {
                xml.WriteStartElement("metaurl", Namespace);
                xml.WriteAttributeString("mediatype", "torrent");
                xml.WriteAttributeString("priority", "1");
                xml.WriteString(torrent.AbsoluteUri);
                xml.WriteEndElement();
            }

            for (var i = 0; i < urls.Count; i++)
            {
                xml.WriteStartElement("url", Namespace);
                xml.WriteAttributeString("priority", (i + 1).ToString(CultureInfo.InvariantCulture));
                xml.WriteString(urls[i].AbsoluteUri);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        // StringBuilder output declares utf-16; the document is served as UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"UTF-8\"", StringComparison.Ordinal) + "\n";
    }

    private static void Hash(XmlWriter xml, string type, string hex)
    {
        xml.WriteStartElement("hash", Namespace);
        xml.WriteAttributeString("type", type);
        xml.WriteString(hex);
        xml.WriteEndElement();
    }
}
