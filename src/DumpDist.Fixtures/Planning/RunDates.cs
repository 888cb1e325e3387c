namespace DumpDist.Fixtures.Planning;

/// <summary>Run dates as in production: the 1st and the 20th of each month, newest 2026-11-20.</summary>
internal static class RunDates
{
    /// <summary>A fixed newest run date: the tree must not depend on the clock.</summary>
    public static readonly DateOnly Newest = new(2026, 11, 20);

    /// <summary><paramref name="count"/> dates, oldest first.</summary>
    public static IReadOnlyList<DateOnly> Last(int count)
    {
        var dates = new List<DateOnly>(count);
        var date = Newest;
        for (var i = 0; i < count; i++)
        {
            dates.Add(date);
            date = date.Day == 20 ? new DateOnly(date.Year, date.Month, 1) : date.AddMonths(-1).AddDays(19);
        }

        dates.Reverse();
        return dates;
    }

    public static string Format(DateOnly date) => date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Full-history runs happen on the 1st; the 20th skips the history jobs.</summary>
    public static bool IsFullRun(DateOnly date) => date.Day == 1;
}
