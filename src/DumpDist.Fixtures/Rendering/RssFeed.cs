using System.Security;
using System.Text;

namespace DumpDist.Fixtures.Rendering;

/// <summary>The RSS 2.0 feed beside each latest/ link, announcing the run the link points into.</summary>
internal static class RssFeed
{
    /// <summary>Production's public address; feeds carry absolute links.</summary>
    public const string PublicBase = "https://dumps.wikimedia.org";

    public static string Render(string wiki, string date, string fileName, DateTime updated)
    {
        var runUrl = $"{PublicBase}/{wiki}/{date}";
        var fileUrl = $"{runUrl}/{fileName}";
        var rss = new StringBuilder(1024);
        rss.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\n<channel>\n")
            .Append("<title>").Append(wiki).Append(" dump progress</title>\n")
            .Append("<link>").Append(PublicBase).Append('/').Append(wiki).Append("/latest/</link>\n")
            .Append("<description>Wikimedia dump updates for ").Append(wiki).Append("</description>\n")
            .Append("<lastBuildDate>").Append(Timestamps.Rfc1123(updated)).Append("</lastBuildDate>\n")
            .Append("<item>\n<title>").Append(SecurityElement.Escape(fileName)).Append("</title>\n")
            .Append("<link>").Append(runUrl).Append("</link>\n")
            .Append("<description>").Append(SecurityElement.Escape($"<a href=\"{fileUrl}\">{fileName}</a> ({date})")).Append("</description>\n")
            .Append("<pubDate>").Append(Timestamps.Rfc1123(updated)).Append("</pubDate>\n")
            .Append("<guid isPermaLink=\"false\">").Append(SecurityElement.Escape(fileName)).Append("</guid>\n")
            .Append("</item>\n</channel>\n</rss>\n");
        return rss.ToString();
    }
}
