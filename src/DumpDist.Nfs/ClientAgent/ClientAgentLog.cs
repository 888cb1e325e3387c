using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.ClientAgent;

internal static partial class ClientAgentLog
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Warning, Message = "NFS {Service}: switched links from {From} to {To}: {Reason}")]
    public static partial void Switched(ILogger logger, string service, string? from, string to, string reason);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "NFS {Service}: staying on {Target}: {Reason}")]
    public static partial void Stayed(ILogger logger, string service, string target, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "NFS {Service}: {Problem}")]
    public static partial void Problem(ILogger logger, string service, string problem);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "NFS {Service}: server {Server} is {State}: {Detail}")]
    public static partial void HealthChanged(ILogger logger, string service, string server, string state, string detail);
}
