using DumpDist.Fixtures.Planning;
using DumpDist.Fixtures.Rendering;

namespace DumpDist.Fixtures.Writing;

/// <summary>Writes a wiki: its runs, then latest/ links and feeds into the newest good run.</summary>
internal static class WikiWriter
{
    public static FixtureWiki Write(TreeOutput output, WikiPlan wiki, List<string> excluded, CancellationToken cancellationToken)
    {
        var runs = new List<FixtureRun>(wiki.Runs.Count);
        string? previousDate = null;
        foreach (var run in wiki.Runs)
        {
            runs.Add(RunWriter.Write(output, run, previousDate, excluded, cancellationToken));
            previousDate = run.DateText;
        }

        var latest = new List<FixtureLatestLink>();
        var good = wiki.LatestGood;
        if (good is not null)
        {
            var dir = $"public/{wiki.Name}/latest";
            output.CreateDirectory(dir);
            var prefix = $"{wiki.Name}-{good.DateText}-";
            foreach (var job in good.Jobs.Where(j => j.Status == FixtureJobStatus.Done))
            {
                foreach (var file in job.Files)
                {
                    var link = $"{wiki.Name}-latest-{file.Name[prefix.Length..]}";
                    var target = $"../{good.DateText}/{file.Name}";
                    var feed = link + "-rss.xml";
                    output.Symlink($"{dir}/{link}", target);
                    output.WriteText($"{dir}/{feed}", RssFeed.Render(wiki.Name, good.DateText, file.Name, job.Updated), job.Updated);
                    latest.Add(new FixtureLatestLink(link, target, good.DateText, feed));
                }
            }

            output.StampDirectory(dir, good.LastUpdate);
        }

        output.StampDirectory($"public/{wiki.Name}", wiki.Runs[^1].LastUpdate);
        return new FixtureWiki(wiki.Name, wiki.Class, runs, latest);
    }
}
