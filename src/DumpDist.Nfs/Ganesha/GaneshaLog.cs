using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.Ganesha;

/// <summary>ganesha's own events; starts, exits and stops are logged by the ProcessSupervisor (events 1300-1306).</summary>
internal static partial class GaneshaLog
{
    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "ganesha.nfsd rejected part of {ConfigPath}; the export may not be served: {Error}")]
    public static partial void ConfigError(ILogger logger, string configPath, string error);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "{ConfigPath} changed; restarting ganesha.nfsd")]
    public static partial void ConfigChanged(ILogger logger, string configPath);
}
