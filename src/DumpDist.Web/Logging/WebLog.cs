using System.Net;
using Microsoft.Extensions.Logging;

namespace DumpDist.Web.Logging;

/// <summary>Source-generated log messages of the download service; event ids are stable.</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Serving {Root} on {Addresses}")]
    public static partial void Serving(ILogger logger, string root, string addresses);

    [LoggerMessage(EventId = 4050, Level = LogLevel.Information, Message = "Socket completions: {Mode}")]
    public static partial void SocketCompletions(ILogger logger, string mode);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Rejected path {Path}: {Verdict}")]
    public static partial void RejectedPath(ILogger logger, string path, string verdict);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "429 for {Client} ({UserAgent}): {Active} downloads already running")]
    public static partial void Limited(ILogger logger, IPAddress client, string userAgent, int active);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "403 for {Client} ({UserAgent}): {Reason}")]
    public static partial void Blocked(ILogger logger, IPAddress client, string userAgent, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Client {Client} went away during {Path} after {Bytes} bytes")]
    public static partial void ClientGone(ILogger logger, IPAddress client, string path, long bytes);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Not serving {Path}: it failed verification")]
    public static partial void FailedVerification(ILogger logger, string path);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Draining: new downloads refused with 503")]
    public static partial void DrainStarted(ILogger logger);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "QoS settings reloaded")]
    public static partial void QosReloaded(ILogger logger);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Could not load TLS certificate {Path}: {Error}")]
    public static partial void CertificateLoadFailed(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Loaded TLS certificate {Subject} (expires {NotAfter:u})")]
    public static partial void CertificateLoaded(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "Config reload failed, keeping the QoS settings in force: {Error}")]
    public static partial void ReloadFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Access log reopened at {Path}")]
    public static partial void AccessLogReopened(ILogger logger, string path);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "Access log {Path} could not be reopened ({Error}); still writing to the old file")]
    public static partial void AccessLogReopenFailed(ILogger logger, string path, string error);
}
