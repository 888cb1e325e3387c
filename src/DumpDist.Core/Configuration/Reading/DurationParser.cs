using System.Globalization;
using System.Text.RegularExpressions;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>
/// Durations, in the cluster file and the NFS client file alike: a number of seconds (<c>600</c>) or
/// unit terms (<c>500ms</c>, <c>600s</c>, <c>10m</c>, <c>8h</c>, <c>30d</c>, <c>1h30m</c>).
/// </summary>
public static partial class DurationParser
{
    /// <summary>Parses <paramref name="text"/>; false for anything else, negative, or over 100 years.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromMilliseconds(seconds, 1000, out value);
        }

        var match = Terms().Match(text);
        if (!match.Success)
        {
            return false;
        }

        long total = 0;
        foreach (Capture term in match.Groups["term"].Captures)
        {
            var unit = term.Value.TrimStart("0123456789".ToCharArray());
            if (!long.TryParse(term.Value[..^unit.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }

            long scale = unit switch { "ms" => 1, "s" => 1000, "m" => 60_000, "h" => 3_600_000, "d" => 86_400_000, "w" => 604_800_000, _ => 0 };
            try
            {
                total = checked(total + checked(count * scale));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return TryFromMilliseconds(total, 1, out value);
    }

    /// <summary>The shortest exact form (<c>10m</c>, <c>1h30m</c>, <c>0s</c>).</summary>
    public static string Format(TimeSpan value)
    {
        var seconds = (long)value.TotalSeconds;
        if (seconds == 0)
        {
            return "0s";
        }

        var parts = new List<string>();
        foreach (var (unit, size) in new[] { ("d", 86400L), ("h", 3600L), ("m", 60L), ("s", 1L) })
        {
            if (seconds >= size)
            {
                parts.Add($"{seconds / size}{unit}");
                seconds %= size;
            }
        }

        return string.Concat(parts);
    }

    private static bool TryFromMilliseconds(long count, long millisecondsEach, out TimeSpan value)
    {
        // TimeSpan holds about 29,000 years; anything near that is a typo, not a schedule.
        const long Limit = 100L * 365 * 86_400_000;
        if (count > Limit / millisecondsEach)
        {
            value = TimeSpan.Zero;
            return false;
        }

        value = TimeSpan.FromMilliseconds(count * millisecondsEach);
        return true;
    }

    [GeneratedRegex(@"^(?<term>\d+(ms|[smhdw]))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Terms();
}
