using DumpDist.Retention.IO;

namespace DumpDist.Retention.Capacity;

/// <summary>
/// Adds every entry of one walk of the tree to the bucket of the deepest directory above it that
/// has one (a run, a dated entry, a wiki, a dataset, public/, the trash), else to the root's.
/// Looked up by span, so a million entries cost no extra strings.
/// </summary>
internal sealed class UsageMap
{
    private const int MaxDepth = 5;
    private readonly Dictionary<string, UsageBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsageBucket>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public UsageMap()
    {
        _lookup = _buckets.GetAlternateLookup<ReadOnlySpan<char>>();
        Root = Add(string.Empty);
    }

    /// <summary>Entries beside <c>public/</c> (the root itself, <c>trace/</c>, ...).</summary>
    public UsageBucket Root { get; }

    /// <summary>The bucket of directory <paramref name="relativePath"/>, created when new.</summary>
    public UsageBucket Add(string relativePath)
    {
        if (!_buckets.TryGetValue(relativePath, out var bucket))
        {
            _buckets[relativePath] = bucket = new UsageBucket(relativePath);
        }

        return bucket;
    }

    /// <summary>The sum over every bucket: the whole walk.</summary>
    public UsageTotals Total => _buckets.Values.Aggregate(default(UsageTotals), (sum, b) => sum + b.Totals);

    /// <summary>Adds one walked entry.</summary>
    public void Count(ReadOnlySpan<char> path, in FileStat stat)
    {
        Span<int> ends = stackalloc int[MaxDepth];
        var depth = 0;
        for (var i = 0; i < path.Length && depth < MaxDepth; i++)
        {
            if (path[i] == '/')
            {
                ends[depth++] = i;
            }
        }

        if (depth < MaxDepth)
        {
            ends[depth++] = path.Length;
        }

        for (var d = depth - 1; d >= 0; d--)
        {
            if (_lookup.TryGetValue(path[..ends[d]], out var bucket))
            {
                bucket.Add(stat);
                return;
            }
        }

        Root.Add(stat);
    }
}
