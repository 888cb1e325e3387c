using System.Globalization;
using DumpDist.Retention.Capacity;

namespace DumpDist.Retention.Reporting;

/// <summary>A capacity report as a table: per wiki class and dataset, then the volume and its fill date.</summary>
internal static class CapacityText
{
    public static void Write(TextWriter writer, CapacityReport report)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"capacity {report.Host} {report.Root} at {report.Measured:yyyy-MM-dd HH:mm} UTC: {ByteSize.Format(report.Total.Allocated)} on disk ({report.Total.Allocated} bytes; apparent {report.Total.Apparent}), {report.Total.Entries} entries"));
        var table = new TextTable("GROUP", "RULE", "MEMBERS", "RUNS", "SIZE", "PER RUN", "GROWTH/DAY", "STEADY STATE");
        foreach (var group in report.Groups)
        {
            table.Add(
                group.Name,
                group.Rule,
                group.Members == 0 ? "-" : group.Members.ToString(CultureInfo.InvariantCulture),
                group.Items == 0 ? "-" : group.Items.ToString(CultureInfo.InvariantCulture),
                ByteSize.Format(group.Bytes),
                group.ItemBytes == 0 ? "-" : ByteSize.Format(group.ItemBytes),
                ByteSize.Format(group.GrowthBytesPerDay),
                group.SteadyStateBytes is { } steady ? ByteSize.Format(steady) : "unbounded");
        }

        table.Add("total", string.Empty, string.Empty, string.Empty, ByteSize.Format(report.Total.Allocated), string.Empty, ByteSize.Format(report.GrowthBytesPerDay), ByteSize.Format(report.SteadyStateBytes) + (report.Unbounded.Count > 0 ? " + unbounded" : string.Empty));
        table.WriteTo(writer);
        if (report.Unbounded.Count > 0)
        {
            writer.WriteLine($"unbounded (no retention rule; counted as they are now): {string.Join(", ", report.Unbounded)}");
        }

        if (report.Volume is not { } volume)
        {
            writer.WriteLine("volume: unknown (statvfs failed)");
            return;
        }

        var fills = report.VolumeFull is { } day
            ? string.Create(CultureInfo.InvariantCulture, $"fills on {day:yyyy-MM-dd} at the modelled growth")
            : $"does not fill within {CapacityAnalyzer.HorizonDays / 365} years at the modelled growth";
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"volume {volume.Path}: {ByteSize.Format(volume.SizeBytes)}, {ByteSize.Format(volume.UsedBytes)} used, {ByteSize.Format(volume.AvailableBytes)} available; {fills}"));
    }
}
