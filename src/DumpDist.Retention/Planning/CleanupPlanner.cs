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
        var publicPath = Path.Combine(root, DumpTree.PublicDirectoryName);
        var wikis = 0;
        var datasets = new List<OtherDataset>();
        foreach (var directory in Subdirectories(publicPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(directory);
            if (name == DumpTree.OtherDirectoryName)
            {
                datasets.AddRange(Subdirectories(directory).Select(d => new OtherDataset(Path.GetFileName(d), d, [])));
                continue;
            }

            var children = Subdirectories(directory).Select(Path.GetFileName).OfType<string>().ToList();
            var runs = children.Count(RunDate.IsRunDirectoryName);
            if (runs == 0 && !children.Contains(DumpTree.LatestDirectoryName))
            {
                continue; // not a wiki (the tree model's rule)
            }

            wikis++;
            owners.Add(directory);
            var rule = rules.ForWiki(name);
            if (runs <= rule.Keep)
            {
                continue;
            }

            if (DumpTree.ScanWiki(root, name) is { } wiki)
            {
                WikiRunPlanner.Plan(root, wiki, rule, removals, held, problems);
            }
            else
            {
                notes.Add($"{name}: not a plain directory name; left alone");
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

        return new CleanupPlan(root, removals, held, problems, notes, wikis, datasets.Count, owners);
    }

    /// <summary>Subdirectories in name order, without the never-published ones, dot names and symlinks.</summary>
    private static IEnumerable<string> Subdirectories(string path) =>
        Directory.Exists(path)
            ? new DirectoryInfo(path).EnumerateDirectories()
                .Where(d => d.LinkTarget is null && !d.Name.StartsWith('.') && !PublishRules.IsExcludedDirectoryName(d.Name))
                .Select(d => d.FullName)
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
