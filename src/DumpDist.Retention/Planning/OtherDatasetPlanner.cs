using System.Globalization;
using DumpDist.Core.Configuration;
using DumpDist.Core.Tree;

namespace DumpDist.Retention.Planning;

/// <summary>
/// Which entries of one dataset under <c>other/</c> go. Dated datasets: per group, the newest
/// <c>keep</c> dates stay, or dates older than <c>max_age</c> go; never the newest date of a group,
/// one a symlink of the dataset points into, or one holding a file still being written
/// (<c>.inprog</c>). Flat datasets: only <c>max_age</c> applies, to files by mtime; a file a symlink
/// points to stays.
/// </summary>
internal static class OtherDatasetPlanner
{
    public static void Plan(string root, OtherDataset dataset, OtherRetentionConfig rule, DateTimeOffset now, ICollection<PlannedRemoval> removals, ICollection<HeldEntry> held, ICollection<string> notes)
    {
        var owner = $"{DumpTree.OtherDirectoryName}/{dataset.Name}";
        var groups = DatedGroup.Find(dataset.DirectoryPath);
        if (groups.Count == 0)
        {
            if (rule.MaxAge is { } flatAge)
            {
                PlanFlat(root, dataset.DirectoryPath, owner, flatAge, now, removals);
            }
            else
            {
                notes.Add($"{owner}: keep {rule.Keep} needs dated YYYYMMDD directories and it has none; nothing removed (use max_age)");
            }

            return;
        }

        foreach (var group in groups)
        {
            PlanGroup(root, dataset.DirectoryPath, group, owner, rule, now, removals, held);
        }
    }

    private static void PlanGroup(string root, string datasetDirectory, DatedGroup group, string owner, OtherRetentionConfig rule, DateTimeOffset now, ICollection<PlannedRemoval> removals, ICollection<HeldEntry> held)
    {
        var linkedDirectories = LinkTargets(group.DirectoryPath).Concat(LinkTargets(datasetDirectory)).ToList();
        // The newest date of a group always stays (as a wiki's newest good run): the loop stops before it.
        for (var i = 0; i < group.Dates.Count - 1; i++)
        {
            var date = group.Dates[i];
            string reason;
            if (rule.Keep is { } keep)
            {
                if (i >= group.Dates.Count - keep)
                {
                    continue;
                }

                reason = $"older than the {keep} newest";
            }
            else
            {
                var maxAge = rule.MaxAge!.Value;
                RunDate.TryParse(date, out var day);
                if (now - new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) <= maxAge)
                {
                    continue;
                }

                reason = $"older than {Durations.Format(maxAge)}";
            }

            var directory = Path.Combine(group.DirectoryPath, date);
            var relative = Path.GetRelativePath(root, directory);
            var guard = linkedDirectories.Any(t => IsUnder(t, directory)) ? "a symlink points into it"
                : HoldsFileInProgress(directory) ? "in progress (.inprog file)"
                : null;
            if (guard is not null)
            {
                held.Add(new HeldEntry(relative, owner, date, "-", guard));
                continue;
            }

            removals.Add(new PlannedRemoval(relative, directory, RemovalKind.DatedEntry, owner, date, "-", reason));
        }
    }

    private static void PlanFlat(string root, string datasetDirectory, string owner, TimeSpan maxAge, DateTimeOffset now, ICollection<PlannedRemoval> removals)
    {
        var cutoff = (now - maxAge).UtcDateTime;
        var linked = new HashSet<string>(StringComparer.Ordinal);
        var old = new List<FileInfo>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        foreach (var info in new DirectoryInfo(datasetDirectory).EnumerateFileSystemInfos("*", options))
        {
            var relative = Path.GetRelativePath(datasetDirectory, info.FullName);
            if (IsHidden(relative) || PublishRules.IsNeverPublished(relative))
            {
                continue;
            }

            if (info.LinkTarget is { } target)
            {
                linked.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(info.FullName)!, target)));
            }
            else if (info is FileInfo file && file.LastWriteTimeUtc < cutoff)
            {
                old.Add(file);
            }
        }

        foreach (var file in old.Where(f => !linked.Contains(f.FullName)).OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            removals.Add(new PlannedRemoval(
                Path.GetRelativePath(root, file.FullName),
                file.FullName,
                RemovalKind.File,
                owner,
                file.LastWriteTimeUtc.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                "-",
                $"modified more than {Durations.Format(maxAge)} ago"));
        }
    }

    /// <summary>Where the symlinks directly in <paramref name="directory"/> point (absolute).</summary>
    private static IEnumerable<string> LinkTargets(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Where(i => i.LinkTarget is not null)
            .Select(i => Path.GetFullPath(Path.Combine(directory, i.LinkTarget!)))
            .ToList();

    private static bool HoldsFileInProgress(string directory) =>
        Directory.EnumerateFiles(directory, "*" + PublishRules.InProgressSuffix, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }).Any();

    private static bool IsUnder(string path, string directory) =>
        path == directory || path.StartsWith(directory + "/", StringComparison.Ordinal);

    private static bool IsHidden(string relative) =>
        relative.Split('/').Any(s => s.StartsWith('.'));
}
