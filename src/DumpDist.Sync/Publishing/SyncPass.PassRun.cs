using System.Text;
using DumpDist.Core.Tree;
using DumpDist.Sync.Safety;
using DumpDist.Sync.State;
using DumpDist.Sync.Trace;
using DumpDist.Sync.Transport;
using DumpDist.Sync.Verification;

namespace DumpDist.Sync.Publishing;

public sealed partial class SyncPass
{
    /// <summary>The mutable progress of one pass.</summary>
    private sealed class PassRun(SyncPass owner, SyncPassOptions options, Task<SyncStateDatabase>? opening, DateTimeOffset started)
    {
        private readonly List<StageReport> _stages = [];
        private readonly Dictionary<string, double> _seconds = new(StringComparer.Ordinal);
        private readonly StatusStaging _staging = new(options.Destination);
        private long _sourceFiles;
        private VerificationReport _verification = VerificationReport.Empty;

        public async Task<SyncPassResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            if (opening is null)
            {
                // A dry run keeps no state: it plans and shows, guarded without history.
                return await PlannedAsync(null, null, null, [], cancellationToken);
            }

            // What an interrupted pass staged is stale; what this pass stages is gone when it ends.
            _staging.Clear();
            try
            {
                if (!HasContent(options.Destination))
                {
                    return await FirstCopyAsync(opening, cancellationToken);
                }

                var state = await opening;
                var refetchQueue = new RefetchQueue(state);
                return await PlannedAsync(state, new SyncHistory(state).LastGood(options.Dataset), refetchQueue, refetchQueue.List(options.Dataset), cancellationToken);
            }
            finally
            {
                ClearStagingQuietly();
            }
        }

        public SyncPassResult Finish(SyncPassOutcome outcome, string? message) => new()
        {
            Outcome = outcome,
            Message = message,
            Started = started,
            Completed = owner._time.GetUtcNow(),
            SourceFiles = _sourceFiles,
            Stages = _stages.ToList(),
            StageSeconds = new Dictionary<string, double>(_seconds, StringComparer.Ordinal),
            Verification = _verification,
        };

        /// <summary>
        /// A destination with nothing in it: there is nothing a bad source could make this pass
        /// lose, so no plan is needed. Both stages walk the source side by side (data into the
        /// destination, status/index files into staging) and the guard judges the counts they
        /// report, against the last good pass if there was one, before anything is published.
        /// </summary>
        private async Task<SyncPassResult> FirstCopyAsync(Task<SyncStateDatabase> opening, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(options.Destination);

            options.Progress?.Start("transferring");
            // Without verification nothing reads the data stage's file list: rsync need not write it.
            var dataTask = RunStageAsync("data", StageArguments.Data(options), cancellationToken, itemize: options.Verify);
            var statusTask = StageAndReadAsync(() => RunStageAsync("status", StageArguments.StatusWalk(options, _staging.Root), cancellationToken));
            await Task.WhenAll(dataTask, statusTask);
            var (data, (staged, coverage)) = (dataTask.Result, statusTask.Result);
            var status = staged!;
            if (!data.Rsync.Succeeded)
            {
                return FailedRsync("data", data.Rsync);
            }

            if (!status.Rsync.Succeeded)
            {
                return FailedRsync("status", status.Rsync);
            }

            var state = await opening;
            _sourceFiles = (data.SourceFiles ?? 0) + (status.SourceFiles ?? 0);
            var guard = data.SourceFiles is null || status.SourceFiles is null
                ? GuardDecision.Refuse("rsync reported no file count for the source; refusing to publish")
                : SourceGuard.Check(_sourceFiles, new SyncHistory(state).LastGood(options.Dataset)?.SourceFiles, options.MaxLossFraction);
            if (!guard.Allowed)
            {
                SyncLog.Refused(owner._logger, options.Dataset, guard.Reason!);
                return Finish(SyncPassOutcome.Refused, guard.Reason);
            }

            var refetchQueue = new RefetchQueue(state);
            return await PublishAsync(coverage, state, refetchQueue, refetchQueue.List(options.Dataset), cancellationToken);
        }

        /// <summary>
        /// A pass over an existing copy: one dry run plans it (the guard's count, the files that
        /// differ), then stage 1 brings the differing data while stage 2 stages the differing
        /// status/index files.
        /// </summary>
        private async Task<SyncPassResult> PlannedAsync(SyncStateDatabase? state, PassRecord? lastGood, RefetchQueue? refetchQueue, IReadOnlyList<string> queued, CancellationToken cancellationToken)
        {
            var plan = await SourcePlan.CreateAsync(owner._runner, options, cancellationToken);
            _seconds["plan"] = plan.Rsync.Elapsed.TotalSeconds;
            if (!plan.Rsync.Succeeded)
            {
                return FailedRsync("plan", plan.Rsync);
            }

            _sourceFiles = plan.SourceFiles ?? 0;
            SyncLog.Planned(owner._logger, _sourceFiles, plan.Data.Count, plan.Status.Count, plan.Deletions.Count, plan.Rsync.Elapsed.TotalSeconds);
            var guard = plan.SourceFiles is null
                ? GuardDecision.Refuse("rsync reported no file count for the source; refusing to sync")
                : SourceGuard.Check(_sourceFiles, lastGood?.SourceFiles, options.MaxLossFraction);
            if (!guard.Allowed)
            {
                SyncLog.Refused(owner._logger, options.Dataset, guard.Reason!);
                return Finish(SyncPassOutcome.Refused, guard.Reason);
            }

            if (options.DryRun)
            {
                _stages.Add(new StageReport("data", plan.Rsync, [.. plan.Data, .. plan.Deletions]));
                _stages.Add(new StageReport("status", plan.Rsync, plan.Status));
                return Finish(SyncPassOutcome.Ok, null);
            }

            Directory.CreateDirectory(options.Destination);
            if (queued.Count > 0)
            {
                SyncLog.Refetching(owner._logger, queued.Count);
                var report = await RunListedAsync("refetch", queued, StageArguments.Refetch, cancellationToken);
                if (!report.Rsync.Succeeded)
                {
                    return FailedRsync("refetch", report.Rsync);
                }
            }

            var dataTask = DataStageAsync(plan, cancellationToken);
            var statusTask = plan.Status.Count == 0
                ? Task.FromResult<(StageReport?, StatusCoverage)>((null, StatusCoverage.None))
                : StageAndReadAsync(() => RunListedAsync("status", plan.Status.Select(c => c.Path).ToList(), (o, list) => StageArguments.Status(o, list, _staging.Root), cancellationToken));
            await Task.WhenAll(dataTask, statusTask);
            var (data, (status, coverage)) = (dataTask.Result, statusTask.Result);
            if (data is { Rsync.Succeeded: false })
            {
                return FailedRsync("data", data.Rsync);
            }

            if (status is { Rsync.Succeeded: false })
            {
                return FailedRsync("status", status.Rsync);
            }

            return await PublishAsync(coverage, state!, refetchQueue!, queued, cancellationToken);
        }

        private async Task<StageReport?> DataStageAsync(SourcePlan plan, CancellationToken cancellationToken)
        {
            if (options.MirrorExact && (plan.Data.Count > 0 || plan.Deletions.Count > 0))
            {
                return await RunStageAsync("data", StageArguments.Data(options), cancellationToken);
            }

            if (plan.Data.Count == 0)
            {
                return null;
            }

            // Most of the source differs: one filtered walk, because --files-from turns off rsync's
            // incremental recursion (1.5x slower at 20,000 files). A few differing files in a big
            // tree (a new run): just those.
            return plan.Data.Count * 2L > (plan.SourceFiles ?? 0)
                ? await RunStageAsync("data", StageArguments.Data(options), cancellationToken)
                : await RunListedAsync("data", plan.Data.Select(c => c.Path).ToList(), StageArguments.DataListed, cancellationToken);
        }

        /// <summary>Stage 2, then (still beside stage 1) the data files the staged sums name.</summary>
        private async Task<(StageReport? Report, StatusCoverage Coverage)> StageAndReadAsync(Func<Task<StageReport>> stage)
        {
            var report = await stage();
            return (report, report.Rsync.Succeeded ? StatusCoverage.Read(_staging) : StatusCoverage.None);
        }

        /// <summary>
        /// Data is complete: fetch what the staged checksum files name and stage 1 did not see,
        /// publish the staged status/index files, verify what changed and write the trace.
        /// </summary>
        private async Task<SyncPassResult> PublishAsync(StatusCoverage coverage, SyncStateDatabase state, RefetchQueue refetchQueue, IReadOnlyList<string> queued, CancellationToken cancellationToken)
        {
            var missing = coverage.MissingAt(options.Destination);
            if (missing.Count > 0)
            {
                SyncLog.CatchingUp(owner._logger, missing.Count, missing[0]);
                var catchUp = await RunListedAsync("catch-up", missing, StageArguments.DataListed, cancellationToken);
                if (!catchUp.Rsync.Succeeded)
                {
                    return FailedRsync("catch-up", catchUp.Rsync);
                }
            }

            if (options.BetweenStages is { } hook)
            {
                await hook(cancellationToken);
            }

            var publishedAt = owner._time.GetTimestamp();
            var published = _staging.Publish();
            _seconds["publish"] = owner._time.GetElapsedTime(publishedAt).TotalSeconds;
            SyncLog.Published(owner._logger, published);
            if (options.Verify)
            {
                _verification = await VerifyAsync(state, refetchQueue, queued, cancellationToken);
                if (!_verification.Succeeded)
                {
                    return Finish(SyncPassOutcome.VerifyFailed, $"{_verification.Problems.Count} files failed verification; first: {_verification.Problems[0].Path}: {_verification.Problems[0].Message}");
                }
            }

            var result = Finish(SyncPassOutcome.Ok, null);
            await TraceWriter.WriteAsync(options.TraceRoot, new SyncTrace
            {
                Host = options.Host,
                Dataset = options.Dataset,
                Source = options.Source.Value,
                Started = result.Started,
                Completed = result.Completed,
                Bytes = result.Bytes,
                Files = result.Files,
                StageSeconds = result.StageSeconds,
            }, cancellationToken);
            return result;
        }

        private static bool HasContent(string directory) =>
            Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(e => !Path.GetFileName(e).StartsWith('.'));

        private void ClearStagingQuietly()
        {
            try
            {
                _staging.Clear();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                SyncLog.StageFailed(owner._logger, "cleanup", $"could not remove {_staging.Root}: {e.Message}");
            }
        }

        private SyncPassResult FailedRsync(string stage, RsyncResult rsync)
        {
            var reason = rsync.Describe();
            if (rsync.Outcome == RsyncOutcome.Cancelled)
            {
                return Finish(SyncPassOutcome.Cancelled, $"stage {stage}: {reason}");
            }

            SyncLog.StageFailed(owner._logger, stage, reason);
            return Finish(SyncPassOutcome.RsyncFailed, $"stage {stage}: {reason}");
        }

        private async Task<StageReport> RunListedAsync(
            string stage,
            IReadOnlyList<string> paths,
            Func<SyncPassOptions, string, List<string>> arguments,
            CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(options.StateDirectory);
            var listFile = Path.Combine(options.StateDirectory, $"files-{options.Dataset}-{stage}-{Environment.ProcessId}.list");
            await File.WriteAllTextAsync(listFile, string.Join('\0', paths.Select(options.Source.FilesFromEntry)) + "\0", new UTF8Encoding(false), cancellationToken);
            try
            {
                return await RunStageAsync(stage, arguments(options, listFile), cancellationToken);
            }
            finally
            {
                File.Delete(listFile);
            }
        }

        /// <summary>
        /// Runs one stage. Itemized (the default), each change is logged to a file and read back;
        /// otherwise only --stats counts, for a stage whose file list nothing reads.
        /// </summary>
        private async Task<StageReport> RunStageAsync(string stage, List<string> arguments, CancellationToken cancellationToken, bool itemize = true)
        {
            var changes = new List<ItemizedChange>();
            var stats = new RsyncStats();
            Directory.CreateDirectory(options.StateDirectory);
            var logFile = itemize ? Path.Combine(options.StateDirectory, $"rsync-{options.Dataset}-{stage}-{Environment.ProcessId}.log") : null;
            using var stopTail = new CancellationTokenSource();
            var tail = logFile is not null && options.Progress is { } progress
                ? RsyncLogTail.FollowAsync(logFile, change => Count(progress, change), stopTail.Token)
                : Task.CompletedTask;
            var rsync = await owner._runner.RunAsync(arguments, line =>
            {
                if (ItemizedChange.TryParse(line) is { } change)
                {
                    changes.Add(change);
                }
                else
                {
                    stats.Read(line);
                }
            }, cancellationToken, logFile, options.Transfer.IoTimeout);
            await stopTail.CancelAsync();
            await tail;
            var report = new StageReport(stage, rsync, changes) { Stats = stats, Itemized = itemize };
            lock (_stages)
            {
                // Stages 1 and 2 run side by side.
                _stages.Add(report);
                _seconds[stage] = rsync.Elapsed.TotalSeconds;
            }

            if (rsync.Succeeded)
            {
                SyncLog.StageDone(owner._logger, stage, report.Files, report.Bytes, report.Seconds);
            }

            return report;
        }

        private static void Count(SyncProgress progress, ItemizedChange change)
        {
            if (change.IsFileTransfer)
            {
                progress.AddFile();
                progress.AddBytes(change.Length);
            }
        }

        private async Task<VerificationReport> VerifyAsync(SyncStateDatabase database, RefetchQueue queue, IReadOnlyList<string> refetched, CancellationToken cancellationToken)
        {
            var startedVerify = owner._time.GetTimestamp();
            var cache = new VerificationCache(database);
            var transferred = _stages.Where(s => s.Stage != "status").SelectMany(s => s.Changes).Where(c => c.IsFileTransfer).Select(c => c.Path).ToList();

            // A file fetched again may keep its size and mtime: forget what the cache knew about it.
            cache.ForgetMany(transferred.Select(p => Path.Combine(options.Destination, p)));

            var dataFiles = transferred.Concat(refetched).Where(p => !PublishRules.IsStatusOrIndexFile(p)).Distinct(StringComparer.Ordinal);
            var changedDirectories = _stages.Where(s => s.Stage == "status").SelectMany(s => s.Changes)
                .Where(c => c.IsFileTransfer && (ChecksumFile.AlgorithmOf(Path.GetFileName(c.Path)) is not null || Path.GetFileName(c.Path) == DumpStatusReader.FileName))
                .Select(c => Path.GetDirectoryName(c.Path) ?? string.Empty);
            var plan = VerificationPlanner.ForChanges(options.Destination, dataFiles, changedDirectories);
            var progress = options.Progress;
            progress?.Start("verifying", plan.Items.Count, plan.Items.Count == 0 || progress is null ? 0 : plan.TotalBytes);
            var report = await new FileVerifier(cache, owner._time, pieces: owner._pieces).VerifyAsync(
                plan, progress is null ? null : progress.AddBytes, progress is null ? null : progress.AddFile, cancellationToken);

            var now = owner._time.GetUtcNow();
            var failed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var problem in report.Problems)
            {
                SyncLog.VerifyProblem(owner._logger, problem.Path, problem.Message);
                if (problem.Kind is VerifyProblemKind.ChecksumMismatch or VerifyProblemKind.SizeMismatch)
                {
                    queue.Add(options.Dataset, problem.Path, problem.Message, now);
                    failed.Add(problem.Path);
                }
            }

            foreach (var item in plan.Items.Where(i => !failed.Contains(i.RelativePath)))
            {
                queue.Remove(options.Dataset, item.RelativePath);
            }

            _seconds["verify"] = owner._time.GetElapsedTime(startedVerify).TotalSeconds;
            SyncLog.Verified(owner._logger, report.Good, report.CacheHits, report.NoChecksum, report.BytesRead, _seconds["verify"]);
            return report;
        }
    }
}
