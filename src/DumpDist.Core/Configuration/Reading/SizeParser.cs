using System.Globalization;
using System.Text.RegularExpressions;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>
/// Sizes and rates: a bare integer (in the key's own unit: bytes, or KiB for rsync <c>bwlimit</c>) or a number with a unit.
/// <c>K</c>/<c>KiB</c>, <c>M</c>/<c>MiB</c>, <c>G</c>/<c>GiB</c>, <c>T</c>/<c>TiB</c> are powers of 1024 (as rsync reads them);
/// <c>KB</c>, <c>MB</c>, <c>GB</c>, <c>TB</c> are powers of 1000; <c>B</c> is bytes. An optional <c>/s</c> is allowed.
/// </summary>
internal static partial class SizeParser
{
    /// <summary>Parses to bytes; a bare number is multiplied by <paramref name="bareUnitBytes"/>.</summary>
    public static bool TryParseBytes(string text, long bareUnitBytes, out long bytes)
    {
        bytes = 0;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unit = match.Groups["unit"].Value;
        long scale = unit.ToUpperInvariant() switch
        {
            "" => bareUnitBytes,
            "B" => 1,
            "K" or "KIB" => 1L << 10,
            "M" or "MIB" => 1L << 20,
            "G" or "GIB" => 1L << 30,
            "T" or "TIB" => 1L << 40,
            "KB" => 1000,
            "MB" => 1000_000,
            "GB" => 1000_000_000,
            "TB" => 1000_000_000_000,
            _ => 0,
        };
        if (scale == 0)
        {
            return false;
        }

        try
        {
            bytes = checked(number * scale);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(?<n>\d+)\s*(?<unit>[A-Za-z]*)(/s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
