using System.Globalization;
using System.Net;
using System.Text;

namespace DumpDist.Web.Listings;

/// <summary>A readable HTML index: name, modification time (UTC), human and exact size.</summary>
internal static class HtmlListingRenderer
{
    public static byte[] Render(string requestPath, IReadOnlyList<ListingEntry> entries)
    {
        var title = WebUtility.HtmlEncode(requestPath);
        var sb = new StringBuilder(256 + (entries.Count * 200));
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Index of ").Append(title)
          .Append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
          .Append("td,th{padding:.15em 1em;text-align:left}td.s{text-align:right;font-variant-numeric:tabular-nums}")
          .Append("tr:nth-child(even){background:#f4f4f4}</style></head>\n<body><h1>Index of ").Append(title).Append("</h1>\n<table>\n")
          .Append("<tr><th>Name</th><th>Last modified (UTC)</th><th>Size</th></tr>\n");
        if (requestPath != "/")
        {
            sb.Append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }

        foreach (var entry in entries)
        {
            var name = WebUtility.HtmlEncode(entry.Name) + (entry.IsDirectory ? "/" : string.Empty);
            var href = Uri.EscapeDataString(entry.Name) + (entry.IsDirectory ? "/" : string.Empty);
            sb.Append("<tr><td><a href=\"").Append(href).Append("\">").Append(name).Append("</a></td><td>")
              .Append(entry.Modified.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("</td><td class=\"s\"");
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

        sb.Append("</table>\n</body></html>\n");
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
