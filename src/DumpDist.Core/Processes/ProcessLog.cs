using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Processes;

internal static partial class ProcessLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "{Name} started, pid {ProcessId}")]
    public static partial void Started(ILogger logger, string name, int processId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "{Name} pid {ProcessId} exited with {ExitCode} after {Uptime}; restart {Restart} in {Backoff}")]
    public static partial void Exited(ILogger logger, string name, int processId, int exitCode, TimeSpan uptime, int restart, TimeSpan backoff);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "{Name} could not be started: {Reason}; retry in {Backoff}")]
    public static partial void StartFailed(ILogger logger, string name, string reason, TimeSpan backoff);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "{Name} pid {ProcessId} stopped ({How})")]
    public static partial void Stopped(ILogger logger, string name, int processId, string how);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "{Name} pid {ProcessId}: restart requested")]
    public static partial void Restarting(ILogger logger, string name, int processId);

    [LoggerMessage(EventId = 1305, Message = "{Program}[{ProcessId}]: {Line}")]
    public static partial void OutputLine(ILogger logger, LogLevel level, string program, int processId, string line);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Error, Message = "{Name}: the {Hook} hook failed")]
    public static partial void HookFailed(ILogger logger, Exception exception, string name, string hook);
}
