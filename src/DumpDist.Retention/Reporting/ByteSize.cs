using System.Globalization;

namespace DumpDist.Retention.Reporting;

/// <summary>Sizes for people: <c>1.2 GiB</c>.</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Format(double bytes)
    {
        var sign = bytes < 0 ? "-" : string.Empty;
        var value = Math.Abs(bytes);
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{value:0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{value:0.0} {Units[unit]}");
    }
}
