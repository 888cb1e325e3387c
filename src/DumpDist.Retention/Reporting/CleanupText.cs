using System.Globalization;

namespace DumpDist.Retention.Reporting;

/// <summary>A cleanup report as a table: what went (or would), what a guard kept, problems, refusals, notes.</summary>
internal static class CleanupText
{
    public static void Write(TextWriter writer, CleanupReport report)
    {
        var verb = report.DryRun ? "would remove" : "removed";
        var freed = report.DryRun ? "would free" : "freed";
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cleanup {report.Host} {report.Root}{(report.DryRun ? " (dry run)" : string.Empty)}: {report.Wikis} wikis, {report.OtherDatasets} other datasets; {verb} {report.Removed}, {freed} {ByteSize.Format(report.BytesFreed)} ({report.BytesFreed} bytes) in {(report.Completed - report.Started).TotalSeconds:0.0} s"));
        if (report.Items.Count > 0)
        {
            var table = new TextTable("PATH", "KIND", "STATE", "SIZE", "OUTCOME", "REASON");
            foreach (var item in report.Items)
            {
                table.Add(item.Path, item.Kind, item.State, ByteSize.Format(item.Bytes), item.Outcome, item.Message is null ? item.Reason : $"{item.Reason}; {item.Message}");
            }

            table.WriteTo(writer);
        }

        Section(writer, "kept by a guard", report.Held.Select(h => $"{h.Path} ({h.State}): {h.Reason}"));
        Section(writer, "problems (those runs were kept)", report.Problems);
        Section(writer, "refused", report.Refusals);
        Section(writer, "notes", report.Notes);
    }

    internal static void Section(TextWriter writer, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            return;
        }

        writer.WriteLine($"{title}:");
        foreach (var line in list)
        {
            writer.WriteLine($"  {line}");
        }
    }
}
