using System.Globalization;

namespace DumpDist.Retention.Planning;

/// <summary>Durations as the cluster file writes them (<c>90d</c>, <c>12h</c>).</summary>
internal static class Durations
{
    public static string Format(TimeSpan value) =>
        value.TotalDays >= 1 && value.Ticks % TimeSpan.TicksPerDay == 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalDays:0}d")
        : value.TotalHours >= 1 && value.Ticks % TimeSpan.TicksPerHour == 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalHours:0}h")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0}s");
}
