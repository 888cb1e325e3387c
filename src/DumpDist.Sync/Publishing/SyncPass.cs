using System.Text;
using DumpDist.Core.Tree;
using DumpDist.Sync.Safety;
using DumpDist.Sync.State;
using DumpDist.Sync.Trace;
using DumpDist.Sync.Transport;
using DumpDist.Sync.Verification;
using Microsoft.Extensions.Logging;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// One sync pass of one dataset: lock, list the source, guard, fetch again what failed
/// verification (-c), stage 1 (data), stage 2 (status/index), verify what changed, then record
/// the pass and, only on success, write the trace.
/// </summary>
public sealed class SyncPass
{
    private readonly RsyncRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>A pass runner.</summary>
    public SyncPass(RsyncRunner runner, TimeProvider time, ILogger logger)
    {
        _runner = runner;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs one pass. Expected failures are results, not exceptions.</summary>
    public async Task<SyncPassResult> RunAsync(SyncPassOptions options, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        try
        {
            return await RunLockedAsync(options, started, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            var message = $"local error (state {options.StateDirectory}, destination {options.Destination}): {e.Message}";
            SyncLog.StageFailed(_logger, "local", message);
            return new SyncPassResult { Outcome = SyncPassOutcome.LocalError, Message = message, Started = started, Completed = _time.GetUtcNow() };
        }
    }

    private async Task<SyncPassResult> RunLockedAsync(SyncPassOptions options, DateTimeOffset started, CancellationToken cancellationToken)
    {
        SyncLog.PassStarted(_logger, options.Dataset, options.Source.Value, options.Destination, options.DryRun ? " (dry run)" : string.Empty);
        SyncLock? passLock = null;
        if (!options.DryRun)
        {
            passLock = SyncLock.TryAcquire(options.StateDirectory, options.Dataset, out var refusal);
            if (passLock is null)
            {
                SyncLog.Refused(_logger, options.Dataset, refusal!);
                return new SyncPassResult { Outcome = SyncPassOutcome.Refused, Message = refusal, Started = started, Completed = _time.GetUtcNow() };
            }

            if (passLock.StalePid is { } stale)
            {
                SyncLog.StaleLock(_logger, passLock.Path, stale);
            }
        }

        using (passLock)
        {
            var state = options.DryRun ? null : SyncStateDatabase.Open(options.StateDirectory);
            var run = new PassRun(this, options, state, started);
            SyncPassResult result;
            try
            {
                result = await run.ExecuteAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                result = run.Finish(SyncPassOutcome.Cancelled, "the pass was cancelled");
            }

            if (state is not null)
            {
                new SyncHistory(state).Record(ToRecord(options, result));
            }

            SyncLog.PassFinished(_logger, options.Dataset, result.Outcome, (result.Completed - result.Started).TotalSeconds);
            return result;
        }
    }

    private static PassRecord ToRecord(SyncPassOptions options, SyncPassResult result) => new()
    {
        Dataset = options.Dataset,
        Host = options.Host,
        Source = options.Source.Value,
        Started = result.Started,
        Completed = result.Completed,
        Outcome = result.Outcome switch
        {
            SyncPassOutcome.Ok => "ok",
            SyncPassOutcome.Refused => "refused",
            SyncPassOutcome.RsyncFailed => "rsync-failed",
            SyncPassOutcome.VerifyFailed => "verify-failed",
            SyncPassOutcome.LocalError => "local-error",
            _ => "cancelled",
        },
        Message = result.Message,
        SourceFiles = result.SourceFiles,
        Files = result.Files,
        Bytes = result.Bytes,
        Stage1Seconds = result.StageSeconds.GetValueOrDefault("data"),
        Stage2Seconds = result.StageSeconds.GetValueOrDefault("status"),
        VerifySeconds = result.StageSeconds.GetValueOrDefault("verify"),
        VerifyFailures = result.Verification.Problems.Count,
    };

    /// <summary>The mutable progress of one pass.</summary>
    private sealed class PassRun(SyncPass owner, SyncPassOptions options, SyncStateDatabase? state, DateTimeOffset started)
    {
        private readonly List<StageReport> _stages = [];
        private readonly Dictionary<string, double> _seconds = new(StringComparer.Ordinal);
        private long _sourceFiles;
        private VerificationReport _verification = VerificationReport.Empty;

        public async Task<SyncPassResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            var refetchQueue = state is null ? null : new RefetchQueue(state);
            var queued = refetchQueue?.List(options.Dataset) ?? [];

            var plan = await SourcePlan.CreateAsync(owner._runner, options, cancellationToken);
            _seconds["plan"] = plan.Rsync.Elapsed.TotalSeconds;
            if (!plan.Rsync.Succeeded)
            {
                return FailedRsync("plan", plan.Rsync);
            }

            _sourceFiles = plan.SourceFiles ?? 0;
            SyncLog.Planned(owner._logger, _sourceFiles, plan.Data.Count, plan.Status.Count, plan.Deletions.Count, plan.Rsync.Elapsed.TotalSeconds);
            var lastGood = state is null ? null : new SyncHistory(state).LastGood(options.Dataset);
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

            if (options.MirrorExact && (plan.Data.Count > 0 || plan.Deletions.Count > 0))
            {
                var data = await RunStageAsync("data", StageArguments.Data(options), cancellationToken);
                if (!data.Rsync.Succeeded)
                {
                    return FailedRsync("data", data.Rsync);
                }
            }
            else if (plan.Data.Count > 0)
            {
                // Most of the source differs (an initial copy): one filtered walk, because
                // --files-from turns off rsync's incremental recursion (1.5x slower at 20,000
                // files). A few differing files in a big tree (a new run): just those.
                var data = plan.Data.Count * 2L > (plan.SourceFiles ?? 0)
                    ? await RunStageAsync("data", StageArguments.Data(options), cancellationToken)
                    : await RunListedAsync("data", plan.Data.Select(c => c.Path).ToList(), StageArguments.DataListed, cancellationToken);
                if (!data.Rsync.Succeeded)
                {
                    return FailedRsync("data", data.Rsync);
                }
            }

            if (options.BetweenStages is { } hook)
            {
                await hook(cancellationToken);
            }

            if (plan.Status.Count > 0)
            {
                var status = await RunListedAsync("status", plan.Status.Select(c => c.Path).ToList(), StageArguments.Status, cancellationToken);
                if (!status.Rsync.Succeeded)
                {
                    return FailedRsync("status", status.Rsync);
                }
            }

            if (options.DryRun || state is null)
            {
                return Finish(SyncPassOutcome.Ok, null);
            }

            if (options.Verify)
            {
                _verification = await VerifyAsync(state, refetchQueue!, queued, cancellationToken);
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
            var listDirectory = state is null ? Path.GetTempPath() : options.StateDirectory;
            Directory.CreateDirectory(listDirectory);
            var listFile = Path.Combine(listDirectory, $"files-{options.Dataset}-{stage}-{Environment.ProcessId}.list");
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

        private async Task<StageReport> RunStageAsync(string stage, List<string> arguments, CancellationToken cancellationToken)
        {
            var changes = new List<ItemizedChange>();
            var rsync = await owner._runner.RunAsync(arguments, line =>
            {
                if (ItemizedChange.TryParse(line) is { } change)
                {
                    changes.Add(change);
                }
            }, cancellationToken);
            var report = new StageReport(stage, rsync, changes);
            _stages.Add(report);
            _seconds[stage] = rsync.Elapsed.TotalSeconds;
            if (rsync.Succeeded)
            {
                SyncLog.StageDone(owner._logger, stage, report.Files, report.Bytes, report.Seconds);
            }

            return report;
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
            var report = await new FileVerifier(cache, owner._time).VerifyAsync(plan, null, cancellationToken);

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
