using System.Globalization;
using DumpDist.Retention.Compare;

namespace DumpDist.Retention.Reporting;

/// <summary>A comparison as one line per difference, then a summary line.</summary>
internal static class ComparisonText
{
    public static void Write(TextWriter writer, ComparisonReport report)
    {
        if (report.Differences.Count > 0)
        {
            var table = new TextTable("DIFFERENCE", "PATH", "A", "B");
            foreach (var difference in report.Differences)
            {
                table.Add(difference.Kind, difference.Path, Cell(difference.A), Cell(difference.B));
            }

            table.WriteTo(writer);
        }

        var counts = string.Join(", ", report.Differences.GroupBy(d => d.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        var content = report.Checksums
            ? string.Create(CultureInfo.InvariantCulture, $"; content: {report.ContentChecked} files compared, {report.ContentUnchecked} without a published sum")
            : string.Empty;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compare {report.A} {report.B}: {report.EntriesA} / {report.EntriesB} entries; {(report.Identical ? "identical" : $"{report.Differences.Count} differences ({counts})")}{content}; {report.Seconds:0.00} s"));
    }

    private static string Cell(string value) => value.Length == 0 ? "-" : value;
}
