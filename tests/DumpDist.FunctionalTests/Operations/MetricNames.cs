using System.Text.RegularExpressions;

namespace DumpDist.FunctionalTests.Operations;

/// <summary>The <c>dumpdist_*</c> metric names a rule file, a dashboard or a /metrics page uses.</summary>
internal static partial class MetricNames
{
    /// <summary>Every <c>dumpdist_*</c> name in PromQL or JSON text, with histogram suffixes (<c>_bucket</c>, <c>_sum</c>, <c>_count</c>) stripped.</summary>
    public static SortedSet<string> UsedIn(string text)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in MetricName().Matches(text))
        {
            names.Add(HistogramSuffix().Replace(match.Value, string.Empty));
        }

        return names;
    }

    /// <summary>Every family a Prometheus text page declares (<c># TYPE name kind</c>), with its kind; declared even before it has a sample.</summary>
    public static Dictionary<string, string> DeclaredIn(string metrics) =>
        TypeLine().Matches(metrics).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    [GeneratedRegex("dumpdist_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
