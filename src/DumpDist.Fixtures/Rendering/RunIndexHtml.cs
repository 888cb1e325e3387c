using System.Net;
using System.Text;
using DumpDist.Fixtures.Planning;

namespace DumpDist.Fixtures.Rendering;

/// <summary>A run's index.html: jobs newest first, links only to files of done jobs.</summary>
internal static class RunIndexHtml
{
    public static string Render(RunPlan run, string? previousDate)
    {
        var title = $"{run.Wiki} dump progress on {run.DateText}";
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(title).Append("</title>\n<link rel=\"stylesheet\" href=\"/dumps.css\">\n</head>\n<body>\n<h1>")
            .Append(title).Append("</h1>\n");
        if (previousDate is not null)
        {
            html.Append("<p class=\"previous\"><a href=\"../").Append(previousDate).Append("/\">Last dumped on ")
                .Append(previousDate).Append("</a></p>\n");
        }

        html.Append("<p class=\"status\"><span class=\"")
            .Append(run.State switch { FixtureRunState.Done => "done", FixtureRunState.InProgress => "in-progress", _ => "failed" })
            .Append("\">").Append(Timestamps.RunStatus(run.State)).Append("</span></p>\n<ul>\n");
        for (var i = run.Jobs.Count - 1; i >= 0; i--)
        {
            var job = run.Jobs[i];
            var status = Timestamps.JobStatus(job.Status);
            html.Append("<li class=\"").Append(status).Append("\"><span class=\"updates\">").Append(Timestamps.Status(job.Updated))
                .Append("</span> <span class=\"status\">").Append(status).Append("</span> <span class=\"title\">")
                .Append(WebUtility.HtmlEncode(job.Title)).Append("</span>");
            if (job.Files.Count > 0)
            {
                html.Append("\n<ul>\n");
                foreach (var file in job.Files)
                {
                    var name = WebUtility.HtmlEncode(file.Name);
                    html.Append("<li class=\"file\">");
                    if (job.Status == FixtureJobStatus.Done)
                    {
                        html.Append("<a href=\"/").Append(run.Wiki).Append('/').Append(run.DateText).Append('/').Append(name).Append("\">")
                            .Append(name).Append("</a> ").Append(Timestamps.HumanSize(file.Size));
                    }
                    else
                    {
                        html.Append(name).Append(file.Partial ? " (written) " : " ").Append(Timestamps.HumanSize(file.Size));
                    }

                    html.Append("</li>\n");
                }

                html.Append("</ul>\n");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n</body>\n</html>\n");
        return html.ToString();
    }
}
