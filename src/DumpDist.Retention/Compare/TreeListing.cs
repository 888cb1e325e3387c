namespace DumpDist.Retention.Compare;

/// <summary>
/// Every published entry of one side in <see cref="PathOrder"/>. Paths and link targets live in one
/// character array and entries are plain structs, so a listing of a million entries is a few large
/// objects the garbage collector never has to trace (a dictionary of strings cost a third of the time).
/// </summary>
internal sealed class TreeListing
{
    private readonly char[] _text;
    private readonly Item[] _items;

    internal TreeListing(string source, char[] text, Item[] items, bool wallClockMtimes)
    {
        Source = source;
        _text = text;
        _items = items;
        WallClockMtimes = wallClockMtimes;
    }

    /// <summary>The directory or rsync URL as given.</summary>
    public string Source { get; }

    /// <summary>True when mtimes are local wall-clock seconds (rsync prints them so).</summary>
    public bool WallClockMtimes { get; }

    public int Count => _items.Length;

    public ReadOnlySpan<char> Path(int index) => _text.AsSpan(_items[index].PathStart, _items[index].PathLength);

    public TreeEntry Entry(int index) => _items[index].Entry;

    /// <summary>A symlink's target; empty otherwise.</summary>
    public ReadOnlySpan<char> Link(int index) => _text.AsSpan(_items[index].LinkStart, _items[index].LinkLength);

    /// <summary>The indexes of the paths both listings hold, in order.</summary>
    public static IEnumerable<(int A, int B)> Matches(TreeListing a, TreeListing b)
    {
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            var order = PathOrder.Compare(a.Path(i), b.Path(j));
            if (order == 0)
            {
                yield return (i++, j++);
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
    }

    /// <summary>This listing's mtimes as local wall-clock seconds, to compare with an rsync listing.</summary>
    public TreeListing AsWallClock()
    {
        if (WallClockMtimes)
        {
            return this;
        }

        var zone = TimeZoneInfo.Local;
        var items = _items.Select(item =>
        {
            var wall = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddSeconds(item.Entry.Mtime), zone);
            return item with { Entry = item.Entry with { Mtime = (wall - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond } };
        }).ToArray();
        return new TreeListing(Source, _text, items, wallClockMtimes: true);
    }

    internal readonly record struct Item(int PathStart, int PathLength, int LinkStart, int LinkLength, TreeEntry Entry);
}
