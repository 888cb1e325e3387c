using DumpDist.Fixtures.Planning;

namespace DumpDist.Fixtures.Rendering;

/// <summary>status.html: the one-line run summary that the top-level index collects.</summary>
internal static class StatusHtml
{
    public static string Render(RunPlan run)
    {
        var css = run.State switch { FixtureRunState.Done => "done", FixtureRunState.InProgress => "in-progress", _ => "failed" };
        return $"<li class=\"{css}\"><span class=\"updates\">{Timestamps.Status(run.LastUpdate)}</span> " +
               $"<a href=\"{run.Wiki}/{run.DateText}\">{run.Wiki}</a>: <span class=\"{css}\">{Timestamps.RunStatus(run.State)}</span></li>\n";
    }
}
