using System.Globalization;
using DumpDist.Retention.IO;

namespace DumpDist.Retention.Compare;

/// <summary>
/// Compares two listings: entries missing on either side (a missing directory is one difference,
/// with the count of entries beneath it), kinds, file sizes and mtimes (whole seconds), link targets.
/// Directory mtimes are not compared: every sync pass touches them.
/// </summary>
internal static class TreeComparer
{
    public static List<Difference> Compare(TreeListing a, TreeListing b)
    {
        if (a.WallClockMtimes != b.WallClockMtimes)
        {
            (a, b) = (a.AsWallClock(), b.AsWallClock());
        }

        var differences = new List<Difference>();
        AddMissing(a, b, "only-in-a", differences, isA: true);
        AddMissing(b, a, "only-in-b", differences, isA: false);
        foreach (var (path, left) in a.Entries)
        {
            if (!b.Entries.TryGetValue(path, out var right))
            {
                continue;
            }

            if (left.Kind != right.Kind)
            {
                differences.Add(new Difference(path, "type", KindName(left.Kind), KindName(right.Kind)));
            }
            else if (left.Kind == FileKind.Symlink)
            {
                if (left.LinkTarget != right.LinkTarget)
                {
                    differences.Add(new Difference(path, "link", left.LinkTarget ?? string.Empty, right.LinkTarget ?? string.Empty));
                }
            }
            else if (left.Kind == FileKind.File)
            {
                if (left.Size != right.Size)
                {
                    differences.Add(new Difference(path, "size", left.Size.ToString(CultureInfo.InvariantCulture), right.Size.ToString(CultureInfo.InvariantCulture)));
                }
                else if (left.Mtime != right.Mtime)
                {
                    differences.Add(new Difference(path, "mtime", Time(left.Mtime), Time(right.Mtime)));
                }
            }
        }

        differences.Sort((x, y) => string.CompareOrdinal(x.Path, y.Path) is var byPath and not 0 ? byPath : string.CompareOrdinal(x.Kind, y.Kind));
        return differences;
    }

    private static void AddMissing(TreeListing from, TreeListing other, string kind, List<Difference> differences, bool isA)
    {
        var missing = from.Entries.Keys.Where(p => !other.Entries.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < missing.Count; i++)
        {
            var path = missing[i];
            var entry = from.Entries[path];
            var description = Describe(entry);
            if (entry.Kind == FileKind.Directory)
            {
                // Its entries are all missing too and follow it in ordinal order: one line for the lot.
                var beneath = 0;
                while (i + 1 < missing.Count && missing[i + 1].StartsWith(path + "/", StringComparison.Ordinal))
                {
                    beneath++;
                    i++;
                }

                description = string.Create(CultureInfo.InvariantCulture, $"directory, {beneath} entries beneath");
            }

            differences.Add(isA ? new Difference(path, kind, description, string.Empty) : new Difference(path, kind, string.Empty, description));
        }
    }

    private static string Describe(TreeEntry entry) => entry.Kind switch
    {
        FileKind.File => string.Create(CultureInfo.InvariantCulture, $"{entry.Size} bytes, {Time(entry.Mtime)}"),
        FileKind.Symlink => $"-> {entry.LinkTarget}",
        _ => KindName(entry.Kind),
    };

    private static string KindName(FileKind kind) => kind switch
    {
        FileKind.File => "file",
        FileKind.Directory => "directory",
        FileKind.Symlink => "symlink",
        _ => "special",
    };

    private static string Time(long seconds) =>
        DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
