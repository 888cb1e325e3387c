using System.Globalization;

namespace DumpDist.Fixtures.Rendering;

/// <summary>Time formats of the dump status files.</summary>
internal static class Timestamps
{
    /// <summary><c>YYYY-MM-DD HH:MM:SS</c>, as dumpstatus.json and dumpruninfo write it.</summary>
    public static string Status(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>RFC 1123, as RSS 2.0 wants for pubDate.</summary>
    public static string Rfc1123(DateTime utc) => utc.ToString("r", CultureInfo.InvariantCulture);

    public static string JobStatus(FixtureJobStatus status) => status switch
    {
        FixtureJobStatus.Waiting => "waiting",
        FixtureJobStatus.InProgress => "in-progress",
        FixtureJobStatus.Done => "done",
        FixtureJobStatus.Failed => "failed",
        _ => "skipped",
    };

    public static string RunStatus(FixtureRunState state) => state switch
    {
        FixtureRunState.Done => "Dump complete",
        FixtureRunState.InProgress => "Dump in progress",
        _ => "Dump complete, 1 item failed",
    };

    public static string HumanSize(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} bytes" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
