using DumpDist.Core.Tree;
using DumpDist.Retention.IO;
using DumpDist.Retention.Planning;

namespace DumpDist.Retention.Capacity;

/// <summary>
/// The walk's buckets settled against the tree model: each wiki's runs and other files, each dataset's
/// dated entries and other files, <c>public/</c>'s own files, the trash, and what lies beside <c>public/</c>.
/// A directory that only looked like a run or wiki (a name of 8 digits that is no date, a directory without
/// runs) counts with its parent.
/// </summary>
internal sealed record UsageParts(
    Dictionary<WikiHistory, (UsageBucket Wiki, List<UsageBucket> Runs)> Wikis,
    Dictionary<OtherDataset, (UsageBucket Dataset, List<(DatedGroup Group, List<UsageBucket> Entries)> Groups)> Datasets,
    UsageTotals Public,
    UsageTotals Trash,
    UsageTotals Outside)
{
    public static UsageParts Settle(UsageMap map, string root, IReadOnlyList<WikiHistory> wikiHistories, IReadOnlyList<OtherDataset> otherDatasets)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        UsageBucket Take(string key)
        {
            taken.Add(key);
            return map.Buckets.TryGetValue(key, out var bucket) ? bucket : new UsageBucket(key);
        }

        string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

        var wikis = wikiHistories.ToDictionary(
            w => w,
            w => (Wiki: Merged(Take(Relative(w.DirectoryPath))), Runs: w.Runs.Select(r => Take(Relative(r.DirectoryPath))).ToList()));
        var datasets = otherDatasets.ToDictionary(
            d => d,
            d => (Dataset: Merged(Take(Relative(d.DirectoryPath))), Groups: DatedGroup.Find(d.DirectoryPath).Select(g => (g, g.Dates.Select(date => Take(Relative(Path.Combine(g.DirectoryPath, date)))).ToList())).ToList()));
        var wikiByKey = wikis.ToDictionary(w => Relative(w.Key.DirectoryPath), w => w.Value.Wiki, StringComparer.Ordinal);
        var datasetByKey = datasets.ToDictionary(d => Relative(d.Key.DirectoryPath), d => d.Value.Dataset, StringComparer.Ordinal);

        UsageTotals publicFiles = default, trash = default, outside = default;
        foreach (var (key, bucket) in map.Buckets.Where(b => !taken.Contains(b.Key)))
        {
            if (key.Length == 0)
            {
                outside += bucket.Totals;
            }
            else if (key == Execution.Trash.DirectoryName)
            {
                trash += bucket.Totals;
            }
            else if ((Owner(key, datasetByKey) ?? Owner(key, wikiByKey)) is { } owner)
            {
                owner.Merge(bucket);
            }
            else
            {
                publicFiles += bucket.Totals;
            }
        }

        return new UsageParts(wikis, datasets, publicFiles, trash, outside);
    }

    /// <summary>A copy to merge leftovers into, so the walk's own buckets stay as they were.</summary>
    private static UsageBucket Merged(UsageBucket bucket)
    {
        var copy = new UsageBucket(bucket.RelativePath);
        copy.Merge(bucket);
        return copy;
    }

    /// <summary>The wiki or dataset whose directory holds <paramref name="key"/>.</summary>
    private static UsageBucket? Owner(string key, Dictionary<string, UsageBucket> owners)
    {
        for (var end = key.LastIndexOf('/'); end > 0; end = key.LastIndexOf('/', end - 1))
        {
            if (owners.TryGetValue(key[..end], out var owner))
            {
                return owner;
            }
        }

        return null;
    }
}
