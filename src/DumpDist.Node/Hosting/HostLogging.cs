using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Hosting;

/// <summary>
/// The console logging of every long-running command (node, web, client): one line per message;
/// under systemd with syslog priorities for journald, otherwise with a UTC timestamp. Framework
/// categories log warnings only. <c>DUMPDIST_LOG_LEVEL</c> sets the minimum level.
/// </summary>
internal static class HostLogging
{
    public static ILoggingBuilder AddDumpDistConsole(this ILoggingBuilder logging, bool toStandardError = false)
    {
        logging.ClearProviders();
        if (SystemdHelpers.IsSystemdService())
        {
            logging.AddSystemdConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
                o.UseUtcTimestamp = true;
            });
        }

        if (toStandardError)
        {
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        logging.SetMinimumLevel(Environment.GetEnvironmentVariable("DUMPDIST_LOG_LEVEL") is { } level && Enum.TryParse<LogLevel>(level, true, out var parsed) ? parsed : LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        return logging;
    }
}
