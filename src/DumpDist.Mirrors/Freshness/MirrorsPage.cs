using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DumpDist.Core.Configuration;
using DumpDist.Core.Formatting;
using DumpDist.Core.Pages;

namespace DumpDist.Mirrors.Freshness;

/// <summary>
/// The public mirrors page, HTML and JSON, written at the web root after each check: the active
/// registry entries (name, institution, URL, protocols) with their last check and when they were
/// last seen fresh.
/// </summary>
internal static class MirrorsPage
{
    public const string HtmlFileName = "mirrors.html";

    public const string JsonFileName = "mirrors.json";

    /// <summary>The JSON document.</summary>
    public static string Json(IReadOnlyList<MirrorConfig> mirrors, IReadOnlyDictionary<string, MirrorFreshness> state, DateTimeOffset generated)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("generated", Rfc3339.Format(generated));
            json.WriteStartArray("mirrors");
            foreach (var mirror in mirrors.Where(m => m.Active))
            {
                var freshness = state.GetValueOrDefault(mirror.Name);
                json.WriteStartObject();
                json.WriteString("name", mirror.Name);
                json.WriteString("institution", mirror.Institution);
                json.WriteString("url", mirror.Url.ToString());
                json.WriteStartArray("protocols");
                json.WriteStringValue(mirror.Url.Scheme);
                json.WriteEndArray();
                json.WriteString("status", freshness is null ? "unchecked" : Name(freshness.Last.Status));
                json.WriteString("detail", freshness?.Last.Detail);
                if (freshness?.Last.CheckedAt is { } checkedAt)
                {
                    json.WriteString("checked", Rfc3339.Format(checkedAt));
                }
                else
                {
                    json.WriteNull("checked");
                }

                if (freshness?.LastSeenFresh is { } fresh)
                {
                    json.WriteString("last_seen_fresh", Rfc3339.Format(fresh));
                }
                else
                {
                    json.WriteNull("last_seen_fresh");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The HTML page: a status badge per mirror (fresh in green; stale, unreachable and wrong content in red).</summary>
    public static string Html(IReadOnlyList<MirrorConfig> mirrors, IReadOnlyDictionary<string, MirrorFreshness> state, DateTimeOffset generated)
    {
        var html = new StringBuilder();
        HtmlPage.AppendHead(html, "Mirrors").Append("\n<h1>Mirrors</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Checked against this site's trace; generated {generated.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Only fresh mirrors are offered for downloads. <a href=\"{JsonFileName}\">JSON</a></p>\n");
        html.Append("<table class=\"stack\">\n<thead><tr><th>Name</th><th>Institution</th><th>URL</th><th>Protocols</th><th>Status</th><th>Last seen fresh</th></tr></thead><tbody>\n");
        foreach (var mirror in mirrors.Where(m => m.Active))
        {
            var freshness = state.GetValueOrDefault(mirror.Name);
            var url = WebUtility.HtmlEncode(mirror.Url.ToString());
            var word = freshness is null ? "unchecked" : Name(freshness.Last.Status);
            var css = freshness is null ? "standby" : freshness.Last.Status == MirrorCheckStatus.Fresh ? "ok" : "bad";
            var detail = freshness is null ? string.Empty : ": " + WebUtility.HtmlEncode(freshness.Last.Detail);
            var fresh = freshness?.LastSeenFresh is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"mirror {word}\"><td><b>{WebUtility.HtmlEncode(mirror.Name)}</b></td><td data-label=\"Institution\">{WebUtility.HtmlEncode(mirror.Institution ?? string.Empty)}</td><td data-label=\"URL\"><a href=\"{url}\">{url}</a></td><td data-label=\"Protocols\">{mirror.Url.Scheme}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"status\" data-label=\"Status\"><span class=\"badge {css}\">{word}</span>{detail}</td><td class=\"time\" data-label=\"Last seen fresh\">{fresh}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>The status as written on the page and in JSON.</summary>
    public static string Name(MirrorCheckStatus status) => status switch
    {
        MirrorCheckStatus.Fresh => "fresh",
        MirrorCheckStatus.Stale => "stale",
        MirrorCheckStatus.Unreachable => "unreachable",
        _ => "wrong-content",
    };
}
