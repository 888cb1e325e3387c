using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.Ganesha;

internal static partial class GaneshaLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "ganesha.nfsd started, pid {ProcessId}, config {ConfigPath}")]
    public static partial void Started(ILogger logger, int processId, string configPath);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "ganesha.nfsd pid {ProcessId} exited with {ExitCode} after {Uptime}; restart {Restart} in {Backoff}")]
    public static partial void Exited(ILogger logger, int processId, int exitCode, TimeSpan uptime, int restart, TimeSpan backoff);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "ganesha.nfsd could not be started: {Reason}; retry in {Backoff}")]
    public static partial void StartFailed(ILogger logger, string reason, TimeSpan backoff);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "ganesha.nfsd rejected part of {ConfigPath}; the export may not be served: {Error}")]
    public static partial void ConfigError(ILogger logger, string configPath, string error);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "ganesha.nfsd pid {ProcessId} stopped ({How})")]
    public static partial void Stopped(ILogger logger, int processId, string how);
}
