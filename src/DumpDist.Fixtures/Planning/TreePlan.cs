namespace DumpDist.Fixtures.Planning;

/// <summary>Everything the generator will write, decided before a byte is written.</summary>
internal sealed record TreePlan(IReadOnlyList<WikiPlan> Wikis, IReadOnlyList<DatasetPlan> Datasets)
{
    /// <summary>Status and index files of every run directory.</summary>
    public static readonly string[] RunStatusFiles =
        ["md5sums.txt", "sha1sums.txt", "md5sums.json", "sha1sums.json", "dumpruninfo.txt", "dumpruninfo.json", "dumpstatus.json", "index.html", "status.html"];

    /// <summary>When top-level directories are stamped: after every run and dataset of the tree.</summary>
    public static readonly DateTime TreeTime = new(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);

    public static TreePlan Create(FixtureOptions options)
    {
        var names = WikiNames.Choose(options.Wikis, options.Seed);
        var wikis = names.Select((w, i) => WikiPlanner.Plan(w.Name, w.Class, i, names.Count, options)).ToList();
        return new TreePlan(wikis, OtherPlanner.Plan(options, names.Select(n => n.Name).ToList()));
    }

    /// <summary>Regular files plus symlinks the writer will create (for the progress bar).</summary>
    public long CountEntries()
    {
        long count = 1 + 1; // public/index.html, other/bad/ file
        foreach (var wiki in Wikis)
        {
            foreach (var run in wiki.Runs)
            {
                count += RunStatusFiles.Length + (run.ExcludedDirectory is null ? 0 : 1);
                foreach (var job in run.Jobs)
                {
                    // Files of done jobs get md5sums-NAME.txt and sha1sums-NAME.txt beside them.
                    count += job.Files.Count * (job.Status == FixtureJobStatus.Done ? 3 : 1);
                }
            }

            var good = wiki.LatestGood;
            if (good is not null)
            {
                count += 2 * good.Jobs.Where(j => j.Status == FixtureJobStatus.Done).Sum(j => j.Files.Count);
            }
        }

        foreach (var dataset in Datasets)
        {
            count += dataset.Files.Count + dataset.Checksums.Count + dataset.Links.Count;
        }

        return count;
    }
}
