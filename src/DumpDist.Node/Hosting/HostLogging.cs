using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Hosting;

/// <summary>
/// The console logging of every long-running command (node, web, client): one line per message;
/// under systemd with syslog priorities for journald, otherwise with a UTC timestamp. Framework
/// categories (<c>Microsoft.*</c>: Kestrel, hosting, "Request starting/finished") log warnings only,
/// so the access log is the one record per request. <c>DUMPDIST_LOG_LEVEL</c> sets the minimum
/// level; <c>DUMPDIST_Logging__LogLevel__CATEGORY=LEVEL</c> sets one category (the usual .NET
/// <c>Logging:LogLevel</c> section, read from the environment), e.g. <c>DUMPDIST_Logging__LogLevel__Microsoft=Information</c>.
/// </summary>
internal static class HostLogging
{
    /// <summary>Prefix of the environment variables read as logging configuration.</summary>
    public const string EnvironmentPrefix = "DUMPDIST_";

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
        // Registered after the filter above, so an override for the same category wins.
        logging.AddConfiguration(new ConfigurationBuilder().AddEnvironmentVariables(EnvironmentPrefix).Build().GetSection("Logging"));
        return logging;
    }
}
