using System.Globalization;
using System.Net;
using System.Text;
using DumpDist.Core.Pages;

namespace DumpDist.Web.Listings;

/// <summary>A readable HTML index: name, modification time (UTC), human and exact size.</summary>
internal static class HtmlListingRenderer
{
    public static byte[] Render(string requestPath, IReadOnlyList<ListingEntry> entries, string? indexPage = null)
    {
        var title = WebUtility.HtmlEncode(requestPath);
        var sb = new StringBuilder(2048 + (entries.Count * 220));
        HtmlPage.AppendHead(sb, "Index of " + requestPath)
          .Append("<h1>Index of ").Append(title).Append("</h1>\n");
        if (indexPage is not null)
        {
            sb.Append("<p>This directory has its own page: <a href=\"").Append(Uri.EscapeDataString(indexPage)).Append("\">")
              .Append(WebUtility.HtmlEncode(indexPage)).Append("</a></p>\n");
        }

        sb.Append("<table class=\"stack\">\n")
          .Append("<thead><tr><th>Name</th><th>Last modified (UTC)</th><th class=\"num\">Size</th></tr></thead><tbody>\n");
        if (requestPath != "/")
        {
            sb.Append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }

        foreach (var entry in entries)
        {
            var name = WebUtility.HtmlEncode(entry.Name) + (entry.IsDirectory ? "/" : string.Empty);
            var href = Uri.EscapeDataString(entry.Name) + (entry.IsDirectory ? "/" : string.Empty);
            sb.Append("<tr><td><a href=\"").Append(href).Append("\">").Append(name).Append("</a></td><td class=\"time inline\" data-label=\"Modified\">")
              .Append(entry.Modified.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("</td><td class=\"num inline\" data-label=\"Size\"");
            if (entry.IsDirectory || entry.Generated)
            {
                sb.Append(">-</td></tr>\n");
            }
            else
            {
                sb.Append(" title=\"").Append(entry.Size.ToString(CultureInfo.InvariantCulture)).Append(" bytes\">")
                  .Append(HumanSize(entry.Size)).Append("</td></tr>\n");
            }
        }

        sb.Append("</tbody></table>\n</body></html>\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static string HumanSize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
