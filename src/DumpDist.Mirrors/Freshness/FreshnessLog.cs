using Microsoft.Extensions.Logging;

namespace DumpDist.Mirrors.Freshness;

/// <summary>Log messages of the freshness checks (event ids 7100-7199).</summary>
internal static partial class FreshnessLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Mirror {Mirror}: {Status} ({Detail})")]
    public static partial void Checked(ILogger logger, string mirror, string status, string detail);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Mirror check skipped: no trace in {Directory} yet")]
    public static partial void NoTrace(ILogger logger, string directory);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Mirror check results could not be recorded")]
    public static partial void Failed(ILogger logger, Exception exception);
}
