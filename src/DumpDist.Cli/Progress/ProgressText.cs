using System.Globalization;
using DumpDist.Cli.Commands;

namespace DumpDist.Cli.Progress;

/// <summary>The one-line description of progress, the same on a terminal and in plain lines.</summary>
internal static class ProgressText
{
    /// <summary><c>verifying 12/300 files, 1.2 GiB/3.4 GiB, 45.6 MiB/s, ETA 0:00:48</c>.</summary>
    public static string Describe(ProgressSnapshot snapshot, ProgressRate rate)
    {
        var parts = new List<string>();
        if (snapshot.Items > 0 || snapshot.TotalItems > 0)
        {
            parts.Add(snapshot.TotalItems > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{snapshot.Items:N0}/{snapshot.TotalItems:N0} {snapshot.ItemName}")
                : string.Create(CultureInfo.InvariantCulture, $"{snapshot.Items:N0} {snapshot.ItemName}"));
        }

        if (snapshot.Bytes > 0 || snapshot.TotalBytes > 0)
        {
            parts.Add(snapshot.TotalBytes > 0 ? $"{FixtureSummary.Bytes(snapshot.Bytes)}/{FixtureSummary.Bytes(snapshot.TotalBytes)}" : FixtureSummary.Bytes(snapshot.Bytes));
        }

        // A rate of nothing counted yet says nothing.
        if (rate.PerSecond is { } perSecond && parts.Count > 0)
        {
            parts.Add(rate.CountsBytes ? $"{FixtureSummary.Bytes((long)perSecond)}/s" : string.Create(CultureInfo.InvariantCulture, $"{perSecond:N0} {snapshot.ItemName}/s"));
        }

        if (rate.Remaining is { } remaining)
        {
            parts.Add("ETA " + Duration(remaining));
        }

        return parts.Count == 0 ? snapshot.Phase : $"{snapshot.Phase} {string.Join(", ", parts)}";
    }

    public static string Duration(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}");
}
