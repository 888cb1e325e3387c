using DumpDist.Core.Tree;
using DumpDist.Retention.IO;
using DumpDist.Retention.Planning;
using DumpDist.Retention.Reporting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Retention.Execution;

/// <summary>
/// Runs one cleanup pass over a target: takes the sync locks of its datasets, reads the tree and
/// plans under them, renames each removal into the trash (out of the served tree, whole), releases
/// the locks, then deletes what the trash holds, leftovers of an interrupted pass included.
/// A dry run takes no lock and changes nothing.
/// </summary>
internal sealed partial class CleanupExecutor(TimeProvider time, ILogger logger, ICleanupFaults? faults = null)
{
    public CleanupReport Run(RetentionTarget target, bool dryRun, PassProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var trash = new Trash(target.Root, time);
        var items = new List<CleanupItem>();
        var moved = new List<(int Index, string Entry)>();
        IReadOnlyList<string> leftovers;
        IReadOnlyList<string> refusals;
        CleanupPlan plan;
        using (var locks = dryRun ? LockSet.None() : LockSet.Acquire(target.StateDirectory, target.Locks))
        {
            foreach (var (dataset, pid) in locks.TakenOver)
            {
                LogLockTakenOver(logger, dataset, pid);
            }

            refusals = locks.Refused.Values.ToList();
            foreach (var refusal in refusals)
            {
                LogRefused(logger, refusal);
            }

            progress?.Start("scanning");
            plan = CleanupPlanner.Plan(target.Root, target.Rules, started, cancellationToken);
            leftovers = trash.Entries(plan.OwnerDirectories);
            progress?.Start(dryRun ? "planning" : "removing", plan.Removals.Count, "runs");
            foreach (var removal in plan.Removals)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var bytes = DiskUsage.Measure(removal.FullPath, cancellationToken).Allocated;
                progress?.AddBytes(bytes);
                var scope = LockScope.For(target.Locks, removal.FullPath);
                if (scope is not null && locks.Refused.TryGetValue(scope.Dataset, out var refusal))
                {
                    items.Add(Item(removal, bytes, CleanupOutcomes.Refused, refusal));
                }
                else if (dryRun)
                {
                    items.Add(Item(removal, bytes, CleanupOutcomes.WouldRemove));
                }
                else
                {
                    var ownerDirectory = Path.Combine(target.Root, DumpTree.PublicDirectoryName, removal.Owner);
                    if (trash.MoveIn(removal.FullPath, removal.RelativePath, ownerDirectory, out var error) is { } entry)
                    {
                        if (removal.Kind == RemovalKind.File)
                        {
                            RemoveEmptyParents(removal.FullPath, ownerDirectory);
                        }

                        moved.Add((items.Count, entry));
                        items.Add(Item(removal, bytes, CleanupOutcomes.Removed));
                        LogMoved(logger, removal.RelativePath, removal.Reason);
                        faults?.AfterMove(removal.RelativePath);
                    }
                    else
                    {
                        items.Add(Item(removal, bytes, CleanupOutcomes.Failed, error));
                        LogFailed(logger, removal.RelativePath, error!);
                    }
                }

                progress?.Advance();
            }
        }

        // Outside the locks: the runs are already out of the served tree, and deleting 100 GB
        // runs must not hold up the next sync pass.
        progress?.Start(dryRun ? "planning" : "deleting", leftovers.Count + moved.Count, "runs");
        foreach (var entry in leftovers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var original = Trash.OriginalPath(entry);
            var bytes = DiskUsage.Measure(entry, cancellationToken).Allocated;
            progress?.AddBytes(bytes);
            var error = dryRun ? null : trash.Delete(entry, AfterFirstFile(entry));
            items.Add(new CleanupItem(
                original, CleanupOutcomes.LeftoverKind, string.Empty, string.Empty, "-", bytes, "left in the trash by an interrupted pass",
                error is null ? dryRun ? CleanupOutcomes.WouldRemove : CleanupOutcomes.Removed : CleanupOutcomes.InTrash, error));
            if (!dryRun)
            {
                LogLeftover(logger, original, bytes, error ?? "deleted");
            }

            progress?.Advance();
        }

        foreach (var (index, entry) in moved)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (trash.Delete(entry, AfterFirstFile(entry)) is { } error)
            {
                items[index] = items[index] with { Outcome = CleanupOutcomes.InTrash, Message = error };
                LogFailed(logger, items[index].Path, error);
            }

            progress?.AddBytes(items[index].Bytes);
            progress?.Advance();
        }

        foreach (var problem in plan.Problems)
        {
            LogProblem(logger, problem.ToString());
        }

        var report = new CleanupReport
        {
            Host = target.Host,
            Root = target.Root,
            DryRun = dryRun,
            Started = started,
            Completed = time.GetUtcNow(),
            Wikis = plan.Wikis,
            OtherDatasets = plan.OtherDatasets,
            Items = items,
            Held = plan.Held.Select(h => new CleanupHold(h.RelativePath, h.Owner, h.Date, h.State, h.Reason)).ToList(),
            Problems = plan.Problems.Select(p => p.ToString()).ToList(),
            Refusals = refusals,
            Notes = plan.Notes,
        };
        LogPass(logger, dryRun ? "dry run" : "pass", report.Removed, report.BytesFreed, report.Held.Count, report.Problems.Count + report.Refusals.Count);
        return report;
    }

    private Action? AfterFirstFile(string entry) => faults is null ? null : () => faults.AfterFirstDeletedFile(entry);

    private static CleanupItem Item(PlannedRemoval removal, long bytes, string outcome, string? message = null) =>
        new(removal.RelativePath, KindName(removal.Kind), removal.Owner, removal.Date, removal.State, bytes, removal.Reason, outcome, message);

    private static string KindName(RemovalKind kind) => kind switch
    {
        RemovalKind.Run => "run",
        RemovalKind.DatedEntry => "dated",
        _ => "file",
    };

    /// <summary>Directories a flat dataset's age rule emptied go too (up to the dataset's own).</summary>
    private static void RemoveEmptyParents(string removedFile, string ownerDirectory)
    {
        for (var directory = Path.GetDirectoryName(removedFile); directory is not null && directory.Length > ownerDirectory.Length && directory.StartsWith(ownerDirectory + "/", StringComparison.Ordinal); directory = Path.GetDirectoryName(directory))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(directory).Any())
                {
                    return;
                }

                Directory.Delete(directory);
            }
            catch (IOException)
            {
                return;
            }
        }
    }

    [LoggerMessage(7101, LogLevel.Information, "Moved {Path} out of the served tree ({Reason})")]
    private static partial void LogMoved(ILogger logger, string path, string reason);

    [LoggerMessage(7102, LogLevel.Warning, "Cleanup refused: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string refusal);

    [LoggerMessage(7103, LogLevel.Error, "Could not remove {Path}: {Message}")]
    private static partial void LogFailed(ILogger logger, string path, string message);

    [LoggerMessage(7104, LogLevel.Information, "Leftover of an interrupted pass {Path} ({Bytes} bytes): {Outcome}")]
    private static partial void LogLeftover(ILogger logger, string path, long bytes, string outcome);

    [LoggerMessage(7105, LogLevel.Warning, "Took over the sync lock of {Dataset} left by dead pid {Pid}")]
    private static partial void LogLockTakenOver(ILogger logger, string dataset, int pid);

    [LoggerMessage(7106, LogLevel.Warning, "Kept (cannot decide): {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);

    [LoggerMessage(7107, LogLevel.Information, "Cleanup {Kind}: {Removed} removed, {Bytes} bytes freed, {Held} held by a guard, {Problems} problems")]
    private static partial void LogPass(ILogger logger, string kind, int removed, long bytes, int held, int problems);
}
