using System.Text;
using DumpDist.Core.Hashing;
using DumpDist.Core.Tree;
using DumpDist.Sync.Safety;
using DumpDist.Sync.State;
using DumpDist.Sync.Trace;
using DumpDist.Sync.Transport;
using DumpDist.Sync.Verification;
using Microsoft.Extensions.Logging;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// One sync pass of one dataset: lock; plan with a dry run unless the destination is empty; guard;
/// fetch again what failed verification (-c); stage 1 (data) beside stage 2 (status/index files,
/// into staging); catch up on data the staged sums name; publish the staged files; verify what
/// changed; then record the pass and, only on success, write the trace (docs/sync.md).
/// </summary>
public sealed partial class SyncPass
{
    private readonly RsyncRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IPieceHashStore? _pieces;

    /// <summary>A pass runner; with <paramref name="pieces"/>, verification also fills the mirrors' torrent piece cache from its read.</summary>
    public SyncPass(RsyncRunner runner, TimeProvider time, ILogger logger, IPieceHashStore? pieces = null)
    {
        _runner = runner;
        _time = time;
        _logger = logger;
        _pieces = pieces;
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
            // Opening sync.db (SQLite start-up, schema) overlaps a first copy's rsync start.
            var state = options.DryRun ? null : Task.Run(() => SyncStateDatabase.Open(options.StateDirectory), CancellationToken.None);
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
                new SyncHistory(await state).Record(ToRecord(options, result));
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
        Outcome = result.Outcome.ToName(),
        Message = result.Message,
        SourceFiles = result.SourceFiles,
        Files = result.Files,
        Bytes = result.Bytes,
        Stage1Seconds = result.StageSeconds.GetValueOrDefault("data"),
        Stage2Seconds = result.StageSeconds.GetValueOrDefault("status"),
        VerifySeconds = result.StageSeconds.GetValueOrDefault("verify"),
        VerifyFailures = result.Verification.Problems.Count,
    };
}
