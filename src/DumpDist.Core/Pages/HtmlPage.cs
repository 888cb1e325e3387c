using System.Net;
using System.Text;

namespace DumpDist.Core.Pages;

/// <summary>
/// The head and style every page a person reads shares (listings, the status page, the mirrors
/// page): a viewport for phones, readable type, and tables of class <c>stack</c> that become one
/// block per row below 40rem, each cell led by its <c>data-label</c>, so nothing scrolls sideways
/// at 390 px.
/// </summary>
public static class HtmlPage
{
    /// <summary>The shared style sheet.</summary>
    public const string Style =
        ":root{color-scheme:light dark}" +
        "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;padding:1rem 1.25rem;max-width:72rem;overflow-wrap:anywhere}" +
        "h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.75rem 0 .5rem}" +
        "table{border-collapse:collapse;width:100%;margin-bottom:1rem}" +
        "th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #8884;vertical-align:top}" +
        "th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.time{white-space:nowrap;font-variant-numeric:tabular-nums}" +
        "a{color:#0645ad}@media (prefers-color-scheme:dark){a{color:#8ab4f8}}" +
        ".ok{color:#17803d}.bad{color:#c0262d;font-weight:600}.standby{color:#777}" +
        ".badge{display:inline-block;padding:0 .45em;border-radius:.3em;font-weight:600;font-size:.9em}" +
        ".badge.ok{background:#17803d22}.badge.bad{background:#c0262d22}.badge.standby{background:#7772}" +
        "@media (max-width:40rem){body{padding:.75rem}" +
        "table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}" +
        "table.stack thead{display:none}table.stack tr{border-bottom:1px solid #8884;padding:.45rem 0}" +
        "table.stack td{border:0;padding:.05rem 0;text-align:left;white-space:normal}" +
        "table.stack td.inline{display:inline-block;margin-right:.9rem;font-size:.875rem}" +
        "table.stack td[data-label]::before{content:attr(data-label) \": \";color:#777}}";

    /// <summary>Appends the doctype, the head (charset, viewport, title, style) and the opening body tag.</summary>
    public static StringBuilder AppendHead(StringBuilder html, string title)
    {
        return html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>").Append(Style).Append("</style></head>\n<body>");
    }
}
