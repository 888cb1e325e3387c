using Microsoft.Extensions.Logging;

namespace DumpDist.Sync.Publishing;

/// <summary>Log messages of a sync pass (event ids 3000-3099).</summary>
internal static partial class SyncLog
{
    [LoggerMessage(3000, LogLevel.Information, "Sync pass of {Dataset} from {Source} to {Destination} started{DryRun}")]
    public static partial void PassStarted(ILogger logger, string dataset, string source, string destination, string dryRun);

    [LoggerMessage(3001, LogLevel.Warning, "Sync pass of {Dataset} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string dataset, string reason);

    [LoggerMessage(3002, LogLevel.Warning, "Took over the stale lock {Path} left by pid {Pid}, which no longer holds it")]
    public static partial void StaleLock(ILogger logger, string path, int pid);

    [LoggerMessage(3003, LogLevel.Information, "Source has {Files} publishable files; {Data} data and {Status} status/index files differ, {Deletions} to delete (planned in {Seconds:F1}s)")]
    public static partial void Planned(ILogger logger, long files, int data, int status, int deletions, double seconds);

    [LoggerMessage(3004, LogLevel.Information, "Stage {Stage}: {Files} files, {Bytes} bytes in {Seconds:F1}s")]
    public static partial void StageDone(ILogger logger, string stage, long files, long bytes, double seconds);

    [LoggerMessage(3005, LogLevel.Error, "Stage {Stage} failed: {Reason}")]
    public static partial void StageFailed(ILogger logger, string stage, string reason);

    [LoggerMessage(3006, LogLevel.Error, "Verification failed: {Path}: {Message}")]
    public static partial void VerifyProblem(ILogger logger, string path, string message);

    [LoggerMessage(3007, LogLevel.Information, "Verified {Good} files ({CacheHits} from cache, {NoChecksum} without published sums), read {Bytes} bytes in {Seconds:F1}s")]
    public static partial void Verified(ILogger logger, int good, int cacheHits, int noChecksum, long bytes, double seconds);

    [LoggerMessage(3008, LogLevel.Information, "Sync pass of {Dataset} finished: {Outcome} in {Seconds:F1}s")]
    public static partial void PassFinished(ILogger logger, string dataset, SyncPassOutcome outcome, double seconds);

    [LoggerMessage(3009, LogLevel.Information, "Fetching {Count} files again with checksum comparison after failed verification")]
    public static partial void Refetching(ILogger logger, int count);

    [LoggerMessage(3010, LogLevel.Warning, "{Count} files named by new checksum files were not fetched by stage 1 (first: {First}); fetching them before publishing the status files")]
    public static partial void CatchingUp(ILogger logger, int count, string first);

    [LoggerMessage(3011, LogLevel.Information, "Published {Count} status/index files")]
    public static partial void Published(ILogger logger, int count);
}
