using System.Globalization;
using System.Text.RegularExpressions;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>Durations in the client file: seconds (<c>30</c>) or one term with a unit (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>1h</c>, <c>1d</c>).</summary>
internal static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var number = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        if (number > 10_000_000)
        {
            return false;
        }

        value = match.Groups["u"].Value switch
        {
            "" or "s" => TimeSpan.FromSeconds(number),
            "ms" => TimeSpan.FromMilliseconds(number),
            "m" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            _ => TimeSpan.FromDays(number),
        };
        return true;
    }

    [GeneratedRegex(@"^(?<n>\d{1,9})(?<u>ms|s|m|h|d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
