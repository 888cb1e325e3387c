using System.Globalization;
using System.Xml;
using DumpDist.Core.Tree;

namespace DumpDist.Web.Api;

/// <summary>Writes the RSS 2.0 feed of one latest file, in production's shape: one item, the newest good run holding it.</summary>
internal static class LatestFeedWriter
{
    public static void Write(Stream output, string baseUrl, DumpRun run, string latestName, string runFileName, DateTimeOffset fileTime)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var xml = XmlWriter.Create(output, settings);
        var pubDate = fileTime.ToString("r", CultureInfo.InvariantCulture);
        xml.WriteStartDocument();
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", $"{baseUrl}/{run.Wiki}/latest/{latestName}");
        xml.WriteElementString("link", $"{baseUrl}/{run.Wiki}/latest/");
        xml.WriteElementString("description", $"Dump updates for {run.Wiki}");
        xml.WriteElementString("lastBuildDate", pubDate);
        xml.WriteStartElement("item");
        xml.WriteElementString("title", $"{baseUrl}/{run.Wiki}/{run.Date}/{runFileName}");
        xml.WriteElementString("link", $"{baseUrl}/{run.Wiki}/{run.Date}/");
        xml.WriteElementString("guid", $"{baseUrl}/{run.Wiki}/{run.Date}/{runFileName}");
        xml.WriteElementString("description", $"<a href=\"{baseUrl}/{run.Wiki}/{run.Date}/{runFileName}\">{runFileName}</a>");
        xml.WriteElementString("pubDate", pubDate);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }
}
