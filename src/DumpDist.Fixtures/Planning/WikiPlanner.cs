namespace DumpDist.Fixtures.Planning;

/// <summary>Plans one wiki's runs: which are done, in progress or failed, their jobs, files and sizes.</summary>
internal static class WikiPlanner
{
    private static readonly TimeSpan RunStart = TimeSpan.FromHours(8);

    public static WikiPlan Plan(string name, WikiClass wikiClass, int wikiIndex, int wikiCount, FixtureOptions options)
    {
        var random = new StableRandom(options.Seed, "wiki:" + name);
        var shape = WikiShape.For(name, wikiClass, random);
        var dates = RunDates.Last(options.Runs);
        var states = States(dates.Count, wikiClass, random);
        if (dates.Count >= 3 && wikiIndex == Math.Min(3, wikiCount - 1))
        {
            // One older run always failed so every tree of three or more runs exercises failure handling.
            states[1] = FixtureRunState.Failed;
            if (!states.Contains(FixtureRunState.Done))
            {
                states[0] = FixtureRunState.Done;
            }
        }

        var excludedWiki = Math.Min(2, wikiCount - 1);
        var runs = new List<RunPlan>(dates.Count);
        for (var i = 0; i < dates.Count; i++)
        {
            // One run always carries a temp/ directory so every tree exercises the exclusion rules.
            var excluded = wikiIndex == excludedWiki && i == 0 ? "temp" : random.Chance(0.03) ? (random.Chance(0.5) ? "temp" : "tmp") : null;
            runs.Add(PlanRun(name, shape, dates[i], 1 + (0.004 * i), states[i], excluded, options.Scale, random));
        }

        return new WikiPlan(name, wikiClass, runs);
    }

    /// <summary>
    /// Most runs are done; the newest run of huge wikis and of about a quarter of the others is in progress;
    /// some older runs failed. At least one run is done so latest/ has a target.
    /// </summary>
    private static FixtureRunState[] States(int count, WikiClass wikiClass, StableRandom random)
    {
        var states = new FixtureRunState[count];
        for (var i = 0; i < count - 1; i++)
        {
            states[i] = random.Chance(0.08) ? FixtureRunState.Failed : FixtureRunState.Done;
        }

        if (count >= 2)
        {
            states[^1] = wikiClass == WikiClass.Huge || random.Chance(0.25) ? FixtureRunState.InProgress
                : random.Chance(0.05) ? FixtureRunState.Failed : FixtureRunState.Done;
            if (!states.Contains(FixtureRunState.Done))
            {
                states[^2] = FixtureRunState.Done;
            }
        }

        return states;
    }

    private static RunPlan PlanRun(string wiki, WikiShape shape, DateOnly date, double growth, FixtureRunState state, string? excluded, long scale, StableRandom random)
    {
        var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) + RunStart;
        var fullRun = RunDates.IsFullRun(date);
        var prefix = $"{wiki}-{RunDates.Format(date)}-";

        // Planned outcome of each job when the run completes.
        var planned = shape.Jobs
            .Select(j => j.Files.Count == 0 || (j.HistoryOnly && !fullRun) ? FixtureJobStatus.Skipped : FixtureJobStatus.Done)
            .ToArray();
        var runnable = Enumerable.Range(0, planned.Length).Where(i => planned[i] == FixtureJobStatus.Done).ToList();
        // Runs spend most of their time in the big XML jobs at the end, so that is where most
        // in-progress runs are caught; failures strike anywhere.
        var pivot = state switch
        {
            FixtureRunState.Done => -1,
            FixtureRunState.InProgress when random.Chance(0.7) => runnable[(runnable.Count / 2) + random.Next(runnable.Count - (runnable.Count / 2))],
            _ => runnable[1 + random.Next(runnable.Count - 1)],
        };

        var jobs = new List<JobPlan>(shape.Jobs.Count);
        var clock = start;
        for (var i = 0; i < shape.Jobs.Count; i++)
        {
            var template = shape.Jobs[i];
            var sizes = template.Files.Select(f => SizeModel.Size(f.Weight, shape.SizeFactor, scale, growth, random)).ToArray();
            var names = template.Files.Select(f => prefix + f.Suffix).ToArray();
            var status = i == pivot
                ? (state == FixtureRunState.InProgress ? FixtureJobStatus.InProgress : FixtureJobStatus.Failed)
                : state == FixtureRunState.InProgress && i > pivot ? FixtureJobStatus.Waiting : planned[i];
            if (status is FixtureJobStatus.Done or FixtureJobStatus.InProgress or FixtureJobStatus.Failed)
            {
                clock += shape.JobStep * random.Between(0.5, 1.5);
            }

            var files = new List<PlannedFile>();
            switch (status)
            {
                case FixtureJobStatus.Done:
                    for (var f = 0; f < names.Length; f++)
                    {
                        files.Add(new PlannedFile(names[f], sizes[f], false));
                    }

                    break;
                case FixtureJobStatus.InProgress:
                {
                    // Parts before the current one are complete (renamed), the current one is NAME.inprog.
                    var current = random.Next(names.Length);
                    for (var f = 0; f < current; f++)
                    {
                        files.Add(new PlannedFile(names[f], sizes[f], false));
                    }

                    files.Add(new PlannedFile(names[current], Partial(sizes[current], random), true));
                    break;
                }

                case FixtureJobStatus.Failed:
                    if (random.Chance(0.5))
                    {
                        files.Add(new PlannedFile(names[0], Partial(sizes[0], random), true));
                    }

                    break;
            }

            var updated = status == FixtureJobStatus.Waiting ? start : clock;
            jobs.Add(new JobPlan(template.Name, template.Title, status, TruncateToSeconds(updated), files));
        }

        return new RunPlan(wiki, date, state, jobs, excluded);
    }

    private static long Partial(long size, StableRandom random) => Math.Max(1, (long)(size * random.Between(0.1, 0.9)));

    private static DateTime TruncateToSeconds(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
