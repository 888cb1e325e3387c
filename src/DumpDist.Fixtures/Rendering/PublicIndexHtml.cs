using System.Text;
using DumpDist.Fixtures.Planning;

namespace DumpDist.Fixtures.Rendering;

/// <summary>public/index.html: every wiki's newest run, most recently updated first.</summary>
internal static class PublicIndexHtml
{
    public static string Render(IEnumerable<RunPlan> newestRuns)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Database backup dumps</title>\n</head>\n<body>\n<h1>Database backup dumps</h1>\n<ul>\n");
        foreach (var run in newestRuns.OrderByDescending(r => r.LastUpdate).ThenBy(r => r.Wiki, StringComparer.Ordinal))
        {
            html.Append(StatusHtml.Render(run));
        }

        html.Append("</ul>\n</body>\n</html>\n");
        return html.ToString();
    }
}
