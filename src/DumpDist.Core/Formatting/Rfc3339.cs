using System.Globalization;

namespace DumpDist.Core.Formatting;

/// <summary>
/// The one timestamp format of every HTTP answer (API, listings, health): RFC 3339 in UTC with a
/// <c>Z</c>, whole seconds unless the value has a fraction (<c>2026-11-01T08:30:00Z</c>).
/// </summary>
public static class Rfc3339
{
    /// <summary>Formats <paramref name="time"/> in UTC.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
