using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Assignments.Etcd;

/// <summary>The etcd store's log events (6300-6319). Reachability is logged per transition, never per retry.</summary>
internal static partial class EtcdStoreLog
{
    [LoggerMessage(EventId = 6300, Level = LogLevel.Information, Message = "etcd at {Endpoint} is reachable; assignments epoch {Epoch}")]
    public static partial void Reachable(ILogger logger, string endpoint, long epoch);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "etcd is unreachable ({Detail}); keeping assignments epoch {Epoch} and retrying the watch with backoff up to {MaxBackoff}")]
    public static partial void Unreachable(ILogger logger, string detail, long epoch, TimeSpan maxBackoff);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Information, Message = "assignments epoch {Epoch} taken from etcd ({Source}); was {Previous}")]
    public static partial void Updated(ILogger logger, long epoch, string source, long previous);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "assignments epoch {Epoch} committed to etcd at revision {Revision}")]
    public static partial void Committed(ILogger logger, long epoch, long revision);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Warning, Message = "commit of epoch {Epoch} lost: the assignments key changed since it was read (etcd holds epoch {StoredEpoch})")]
    public static partial void CommitConflict(ILogger logger, long epoch, long? storedEpoch);

    [LoggerMessage(EventId = 6305, Level = LogLevel.Warning, Message = "etcd key {Key} at revision {Revision} is not readable JSON and is ignored: {Error}")]
    public static partial void BadValue(ILogger logger, string key, long revision, string? error);

    [LoggerMessage(EventId = 6306, Level = LogLevel.Warning, Message = "etcd key {Key} is absent; keeping assignments epoch {Epoch} (the next commit recreates it)")]
    public static partial void KeyMissing(ILogger logger, string key, long epoch);

    [LoggerMessage(EventId = 6307, Level = LogLevel.Warning, Message = "etcd holds assignments epoch {StoredEpoch}, older than this node's {Epoch}; keeping {Epoch} (the next commit replaces it)")]
    public static partial void StaleValue(ILogger logger, long storedEpoch, long epoch);

    [LoggerMessage(EventId = 6308, Level = LogLevel.Debug, Message = "watching etcd key {Key} at {Endpoint} from revision {Revision}")]
    public static partial void WatchStarted(ILogger logger, string key, string endpoint, long revision);

    [LoggerMessage(EventId = 6309, Level = LogLevel.Debug, Message = "etcd watch retry {Failures} in {Delay}")]
    public static partial void WatchRetry(ILogger logger, int failures, TimeSpan delay);

    [LoggerMessage(EventId = 6310, Level = LogLevel.Information, Message = "etcd compacted past revision {Revision}; re-reading the assignments")]
    public static partial void WatchCompacted(ILogger logger, long revision);

    [LoggerMessage(EventId = 6311, Level = LogLevel.Warning, Message = "etcd cancelled the watch: {Reason}")]
    public static partial void WatchCanceled(ILogger logger, string reason);

    [LoggerMessage(EventId = 6312, Level = LogLevel.Error, Message = "a handler of the assignments Changed event failed at epoch {Epoch}")]
    public static partial void ChangedHandlerFailed(ILogger logger, long epoch, Exception exception);

    [LoggerMessage(EventId = 6313, Level = LogLevel.Warning, Message = "etcd answered {Operation} with an error: {Detail}")]
    public static partial void CallFailed(ILogger logger, string operation, string detail);
}
