namespace DumpDist.Node.Status;

/// <summary>An age as a person reads it: "42 s", "7 min", "3.5 h", "12 days".</summary>
internal static class AgeText
{
    public static string Of(TimeSpan age) => age.TotalMinutes < 1 ? $"{Math.Max(0, age.TotalSeconds):0} s"
        : age.TotalHours < 1 ? $"{age.TotalMinutes:0} min"
        : age.TotalDays < 2 ? $"{age.TotalHours:0.#} h" : $"{age.TotalDays:0.#} days";
}
