using System.Globalization;

namespace DumpDist.Core.Tree;

/// <summary>Run directory names: <c>YYYYMMDD</c>, a real calendar date, ordered by name.</summary>
public static class RunDate
{
    /// <summary>True when <paramref name="name"/> is a run directory name.</summary>
    public static bool IsRunDirectoryName(string name) => TryParse(name, out _);

    /// <summary>Parses <c>YYYYMMDD</c>.</summary>
    public static bool TryParse(string name, out DateOnly date) =>
        DateOnly.TryParseExact(name, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
