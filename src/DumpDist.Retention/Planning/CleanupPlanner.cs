using DumpDist.Core.Tree;

namespace DumpDist.Retention.Planning;

/// <summary>Reads a tree through the tree model and decides, wiki by wiki and dataset by dataset, what the rules remove.</summary>
internal static class CleanupPlanner
{
    /// <summary>The plan for the tree at <paramref name="root"/> (the directory holding <c>public/</c>) at time <paramref name="now"/>.</summary>
    public static CleanupPlan Plan(string root, RetentionRules rules, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Plan(DumpTree.Scan(root), rules, now, cancellationToken);

    /// <summary>The plan for an already scanned tree.</summary>
    public static CleanupPlan Plan(DumpTreeSnapshot tree, RetentionRules rules, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var removals = new List<PlannedRemoval>();
        var held = new List<HeldEntry>();
        var problems = new List<TreeProblem>();
        var notes = new List<string>();
        foreach (var wiki in tree.Wikis)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WikiRunPlanner.Plan(tree.Root, wiki, rules.ForWiki(wiki.Name), removals, held, problems);
        }

        foreach (var dataset in tree.OtherDatasets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rules.ForOther(dataset.Name) is { } rule)
            {
                OtherDatasetPlanner.Plan(tree.Root, dataset, rule, now, removals, held, notes);
            }
        }

        foreach (var missing in rules.Config.Other.Where(o => !tree.OtherDatasets.Any(d => d.Name == o.Dataset)))
        {
            notes.Add($"{DumpTree.OtherDirectoryName}/{missing.Dataset}: has a retention rule but is not in the tree");
        }

        return new CleanupPlan(tree.Root, removals, held, problems, notes, tree.Wikis.Count, tree.OtherDatasets.Count);
    }
}
