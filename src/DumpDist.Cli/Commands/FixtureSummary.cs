using System.Globalization;
using System.Text;
using DumpDist.Fixtures;

namespace DumpDist.Cli.Commands;

/// <summary>The summary `dumpdist fixture` prints on stdout when the tree is complete.</summary>
internal static class FixtureSummary
{
    public static string Render(FixtureManifest manifest, TimeSpan elapsed)
    {
        var runs = manifest.Runs.ToList();
        var classes = manifest.Wikis.GroupBy(w => w.Class).ToDictionary(g => g.Key, g => g.Count());
        var entries = manifest.FileCount + manifest.SymlinkCount;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"fixture  {manifest.Root}");
        text.AppendLine(CultureInfo.InvariantCulture, $"wikis    {manifest.Wikis.Count} ({Count(classes, WikiClass.Huge)} huge, {Count(classes, WikiClass.Big)} big, {Count(classes, WikiClass.Small)} small)");
        text.AppendLine(CultureInfo.InvariantCulture, $"runs     {runs.Count} ({runs.Count(r => r.State == FixtureRunState.Done)} done, {runs.Count(r => r.State == FixtureRunState.InProgress)} in-progress, {runs.Count(r => r.State == FixtureRunState.Failed)} failed)");
        text.AppendLine(CultureInfo.InvariantCulture, $"other    {manifest.OtherDatasets.Count} datasets ({string.Join(", ", manifest.OtherDatasets.Select(d => d.Name))}), {manifest.OtherDatasets.Sum(d => d.Files.Count)} files");
        text.AppendLine(CultureInfo.InvariantCulture, $"files    {manifest.FileCount} regular, {manifest.SymlinkCount} symlinks, {manifest.ExcludedPaths.Count} in never-published directories");
        text.AppendLine(CultureInfo.InvariantCulture, $"bytes    {manifest.ByteCount} ({Bytes(manifest.ByteCount)})");
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        text.AppendLine(CultureInfo.InvariantCulture, $"elapsed  {elapsed.TotalSeconds:0.0} s ({entries / seconds:0} files/s, {Bytes((long)(manifest.ByteCount / seconds))}/s)");
        return text.ToString();
    }

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static int Count(Dictionary<WikiClass, int> classes, WikiClass wikiClass) => classes.GetValueOrDefault(wikiClass);
}
