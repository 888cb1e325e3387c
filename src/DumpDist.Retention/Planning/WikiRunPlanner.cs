using DumpDist.Core.Tree;

namespace DumpDist.Retention.Planning;

/// <summary>
/// Which runs of one wiki go. Runs are ordered by the date in their directory name; the newest
/// <c>keep</c> good runs stay, and so does every run newer than the oldest of them (a failed or
/// in-progress run between good ones is newer history). Older runs go, except the newest good run,
/// a run <c>latest/</c> points into, a run in progress, and a run whose status cannot be read.
/// </summary>
internal static class WikiRunPlanner
{
    public static void Plan(string root, WikiDumps wiki, WikiRule rule, ICollection<PlannedRemoval> removals, ICollection<HeldEntry> held, ICollection<TreeProblem> problems)
    {
        var good = wiki.Runs.Where(r => r.IsGood).ToList();
        if (good.Count <= rule.Keep)
        {
            return;
        }

        var oldestKept = good[^rule.Keep].Date;
        var newestGood = good[^1].Date;
        var linked = wiki.Latest.Select(l => l.RunDate).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var run in wiki.Runs.Where(r => string.CompareOrdinal(r.Date, oldestKept) < 0))
        {
            var relative = Path.GetRelativePath(root, run.DirectoryPath);
            var state = RunStates.Name(run.State);
            var guard = run.Date == newestGood ? "newest good run"
                : linked.Contains(run.Date) ? "latest/ points into it"
                : run.State == RunState.InProgress ? "in progress"
                : run.State == RunState.Unknown ? "status unreadable: never removed"
                : null;
            if (guard is not null)
            {
                held.Add(new HeldEntry(relative, wiki.Name, run.Date, state, guard));
                if (run.State == RunState.Unknown)
                {
                    problems.Add(run.StatusProblem ?? new TreeProblem(Path.Combine(run.DirectoryPath, DumpStatusReader.FileName), "no recognised job states"));
                }

                continue;
            }

            removals.Add(new PlannedRemoval(
                relative,
                run.DirectoryPath,
                RemovalKind.Run,
                wiki.Name,
                run.Date,
                state,
                $"older than the {rule.Keep} newest good runs ({rule.Source})"));
        }
    }
}
