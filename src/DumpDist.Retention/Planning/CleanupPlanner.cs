using DumpDist.Core.Tree;

namespace DumpDist.Retention.Planning;

/// <summary>
/// Decides, wiki by wiki and dataset by dataset, what the rules remove. A wiki with no more run
/// directories than its count keeps them all, so its statuses are not read at all; the others are read
/// through the tree model (<see cref="DumpTree.ScanWiki"/>). On a host after a cleanup that is most wikis.
/// </summary>
internal static class CleanupPlanner
{
    /// <summary>The plan for the tree at <paramref name="root"/> (the directory holding <c>public/</c>) at time <paramref name="now"/>.</summary>
    public static CleanupPlan Plan(string root, RetentionRules rules, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var removals = new List<PlannedRemoval>();
        var held = new List<HeldEntry>();
        var problems = new List<TreeProblem>();
        var notes = new List<string>();
        var owners = new List<string>();
        var layout = TreeLayout.Read(root);
        var datasets = layout.OtherDatasets;
        foreach (var entry in layout.Wikis)
        {
            cancellationToken.ThrowIfCancellationRequested();
            owners.Add(entry.DirectoryPath);
            var rule = rules.ForWiki(entry.Name);
            if (entry.RunDates.Count <= rule.Keep)
            {
                continue;
            }

            if (DumpTree.ScanWiki(root, entry.Name) is { } wiki)
            {
                WikiRunPlanner.Plan(root, wiki, rule, removals, held, problems);
            }
            else
            {
                notes.Add($"{entry.Name}: not a plain directory name; left alone");
            }
        }

        foreach (var dataset in datasets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            owners.Add(dataset.DirectoryPath);
            if (rules.ForOther(dataset.Name) is { } rule)
            {
                OtherDatasetPlanner.Plan(root, dataset, rule, now, removals, held, notes);
            }
        }

        foreach (var missing in rules.Config.Other.Where(o => !datasets.Any(d => d.Name == o.Dataset)))
        {
            notes.Add($"{DumpTree.OtherDirectoryName}/{missing.Dataset}: has a retention rule but is not in the tree");
        }

        return new CleanupPlan(root, removals, held, problems, notes, layout.Wikis.Count, datasets.Count, owners);
    }
}
