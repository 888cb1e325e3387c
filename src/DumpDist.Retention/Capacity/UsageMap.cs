using DumpDist.Retention.IO;

namespace DumpDist.Retention.Capacity;

/// <summary>
/// Adds every entry of one walk to the bucket of the directory the tree's layout says it belongs to
/// (a run or dated entry, a wiki or dataset, <c>public/</c>, the trash, else the root), created on first
/// use and looked up by span, so the walk needs no scan first and a million entries cost no strings.
/// Which buckets really are runs and wikis is settled afterwards from the tree model.
/// </summary>
internal sealed class UsageMap
{
    private const string Public = "public";
    private const string Other = "other";
    private readonly Dictionary<string, UsageBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsageBucket>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public UsageMap()
    {
        _lookup = _buckets.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Every bucket the walk filled, by directory relative to the root ("" for the root's own entries).</summary>
    public IReadOnlyDictionary<string, UsageBucket> Buckets => _buckets;

    /// <summary>The sum over every bucket: the whole walk.</summary>
    public UsageTotals Total => _buckets.Values.Aggregate(default(UsageTotals), (sum, b) => sum + b.Totals);

    /// <summary>Adds one walked entry.</summary>
    public void Count(ReadOnlySpan<char> path, in FileStat stat)
    {
        var key = KeyOf(path);
        if (!_lookup.TryGetValue(key, out var bucket))
        {
            bucket = new UsageBucket(key.ToString());
            _buckets[bucket.RelativePath] = bucket;
        }

        bucket.Add(stat);
    }

    /// <summary>
    /// The bucket of <paramref name="path"/> by layout: <c>public/W/YYYYMMDD</c>, <c>public/other/D/[G/]YYYYMMDD</c>,
    /// else <c>public/W</c> or <c>public/other/D</c>, else <c>public</c>; the trash; else "" (beside public/).
    /// </summary>
    internal static ReadOnlySpan<char> KeyOf(ReadOnlySpan<char> path)
    {
        Span<Range> parts = stackalloc Range[6];
        var count = path.Split(parts, '/');
        if (path.IsEmpty || count == 0)
        {
            return [];
        }

        var first = path[parts[0]];
        if (first.SequenceEqual(Execution.Trash.DirectoryName))
        {
            return first;
        }

        if (!first.SequenceEqual(Public) || count == 1)
        {
            return first.SequenceEqual(Public) ? first : [];
        }

        if (!path[parts[1]].SequenceEqual(Other))
        {
            return count >= 3 && IsDate(path[parts[2]]) ? path[..parts[2].End] : path[..parts[1].End];
        }

        return count < 3 ? path[..parts[0].End]
            : count >= 4 && IsDate(path[parts[3]]) ? path[..parts[3].End]
            : count >= 5 && IsDate(path[parts[4]]) ? path[..parts[4].End]
            : path[..parts[2].End];
    }

    private static bool IsDate(ReadOnlySpan<char> name) => name.Length == 8 && !name.ContainsAnyExceptInRange('0', '9');
}
