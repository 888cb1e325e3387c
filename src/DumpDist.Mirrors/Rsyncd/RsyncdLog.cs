using Microsoft.Extensions.Logging;

namespace DumpDist.Mirrors.Rsyncd;

/// <summary>Log messages of the mirror parts (event ids 7000-7099).</summary>
internal static partial class RsyncdLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "rsync daemon listening on {Endpoint} (pid {ProcessId})")]
    public static partial void Listening(ILogger logger, string endpoint, int processId);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "rsyncd.conf rewritten at {Path} (hosts allow: {Allowed} networks); new connections use it")]
    public static partial void ConfigRewritten(ILogger logger, string path, int allowed);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "rsync daemon restarting: {Reason}")]
    public static partial void Restarting(ILogger logger, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Include lists regenerated ({Reason}): {Written} files changed, {Wikis} wikis with good runs, {Milliseconds} ms")]
    public static partial void IncludeListsWritten(ILogger logger, string reason, int written, int wikis, long milliseconds);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Include lists could not be regenerated ({Reason}); the previous lists stay")]
    public static partial void IncludeListsFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "rsyncd.conf could not be rewritten; the previous config stays")]
    public static partial void ConfigFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "services.rsync was removed from the cluster file; the rsync daemon keeps its last config until the node restarts")]
    public static partial void ServiceRemoved(ILogger logger);
}
