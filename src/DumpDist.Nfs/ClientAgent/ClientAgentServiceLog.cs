using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.ClientAgent;

internal static partial class ClientAgentServiceLog
{
    [LoggerMessage(EventId = 5210, Level = LogLevel.Error, Message = "NFS {Service}: client agent round failed; retrying next interval")]
    public static partial void RoundFailed(ILogger logger, string service, Exception exception);
}
