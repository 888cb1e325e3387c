using System.Globalization;
using DumpDist.Retention.IO;

namespace DumpDist.Retention.Compare;

/// <summary>
/// Compares two listings in one merge pass: entries missing on either side (a missing directory is
/// one difference, with the count of entries beneath it), kinds, file sizes and mtimes (whole
/// seconds), link targets. Directory mtimes are not compared: every sync pass touches them.
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
        for (int i = 0, j = 0; i < a.Count || j < b.Count;)
        {
            var order = i == a.Count ? 1 : j == b.Count ? -1 : PathOrder.Compare(a.Path(i), b.Path(j));
            if (order < 0)
            {
                i = AddMissing(a, i, "only-in-a", differences, isA: true);
                continue;
            }

            if (order > 0)
            {
                j = AddMissing(b, j, "only-in-b", differences, isA: false);
                continue;
            }

            var (left, right) = (a.Entry(i), b.Entry(j));
            if (left.Kind != right.Kind)
            {
                differences.Add(new Difference(a.Path(i).ToString(), "type", KindName(left.Kind), KindName(right.Kind)));
            }
            else if (left.Kind == FileKind.Symlink && !a.Link(i).SequenceEqual(b.Link(j)))
            {
                differences.Add(new Difference(a.Path(i).ToString(), "link", a.Link(i).ToString(), b.Link(j).ToString()));
            }
            else if (left.Kind == FileKind.File && left.Size != right.Size)
            {
                differences.Add(new Difference(a.Path(i).ToString(), "size", Describe(left.Size), Describe(right.Size)));
            }
            else if (left.Kind == FileKind.File && left.Mtime != right.Mtime)
            {
                differences.Add(new Difference(a.Path(i).ToString(), "mtime", Time(left.Mtime), Time(right.Mtime)));
            }

            i++;
            j++;
        }

        return differences;
    }

    /// <summary>Tree order of differences, by path then kind.</summary>
    public static int Order(Difference x, Difference y) =>
        PathOrder.Compare(x.Path, y.Path) is var byPath and not 0 ? byPath : string.CompareOrdinal(x.Kind, y.Kind);

    /// <summary>Adds the entry at <paramref name="index"/> as missing on the other side; returns the next index (past a missing directory's entries).</summary>
    private static int AddMissing(TreeListing listing, int index, string kind, List<Difference> differences, bool isA)
    {
        var path = listing.Path(index);
        var entry = listing.Entry(index);
        var next = index + 1;
        string description;
        if (entry.Kind == FileKind.Directory)
        {
            while (next < listing.Count && PathOrder.IsBeneath(listing.Path(next), path))
            {
                next++;
            }

            description = string.Create(CultureInfo.InvariantCulture, $"directory, {next - index - 1} entries beneath");
        }
        else
        {
            description = Describe(entry, listing.Link(index).ToString());
        }

        differences.Add(isA ? new Difference(path.ToString(), kind, description, string.Empty) : new Difference(path.ToString(), kind, string.Empty, description));
        return next;
    }

    /// <summary>What a side holds at a path the other side lacks.</summary>
    internal static string Describe(TreeEntry entry, string link) => entry.Kind switch
    {
        FileKind.File => string.Create(CultureInfo.InvariantCulture, $"{entry.Size} bytes, {Time(entry.Mtime)}"),
        FileKind.Symlink => $"-> {link}",
        _ => KindName(entry.Kind),
    };

    internal static string Describe(long size) => size.ToString(CultureInfo.InvariantCulture);

    internal static string KindName(FileKind kind) => kind switch
    {
        FileKind.File => "file",
        FileKind.Directory => "directory",
        FileKind.Symlink => "symlink",
        _ => "special",
    };

    internal static string Time(long seconds) =>
        DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
