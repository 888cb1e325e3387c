using System.Text;

namespace DumpDist.Retention.Compare;

/// <summary>Collects entries in any order (copying paths into one buffer), then sorts them into a <see cref="TreeListing"/>.</summary>
internal sealed class TreeListingBuilder
{
    private char[] _text = new char[1 << 16];
    private int _used;
    private readonly List<TreeListing.Item> _items = [];

    public int Count => _items.Count;

    public void Add(ReadOnlySpan<char> path, TreeEntry entry, ReadOnlySpan<char> link = default)
    {
        var pathStart = Append(path);
        var linkStart = Append(link);
        _items.Add(new TreeListing.Item(pathStart, path.Length, linkStart, link.Length, entry));
    }

    public void Add(ReadOnlySpan<char> path, TreeEntry entry, ReadOnlySpan<byte> utf8Link)
    {
        Span<char> link = stackalloc char[utf8Link.Length];
        Add(path, entry, link[..Encoding.UTF8.GetChars(utf8Link, link)]);
    }

    public TreeListing Build(string source, bool wallClockMtimes)
    {
        var text = _text;
        var items = _items.ToArray();
        Array.Sort(items, (x, y) => PathOrder.Compare(text.AsSpan(x.PathStart, x.PathLength), text.AsSpan(y.PathStart, y.PathLength)));
        return new TreeListing(source, text, items, wallClockMtimes);
    }

    private int Append(ReadOnlySpan<char> value)
    {
        if (_used + value.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _used + value.Length));
        }

        value.CopyTo(_text.AsSpan(_used));
        var start = _used;
        _used += value.Length;
        return start;
    }
}
