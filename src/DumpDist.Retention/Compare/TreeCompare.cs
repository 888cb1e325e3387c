using System.Diagnostics;
using DumpDist.Retention.Execution;
using DumpDist.Sync.Transport;

namespace DumpDist.Retention.Compare;

/// <summary>
/// <c>dumpdist compare A B</c>: lists both sides at once (a local walk, or rsync's own listing of a
/// daemon URL), compares the listings, and with <c>--checksums</c> the contents.
/// </summary>
internal sealed class TreeCompare(RsyncRunner rsync)
{
    /// <summary>The report, or null and why a side could not be read.</summary>
    public async Task<(ComparisonReport? Report, string? Error)> RunAsync(ComparedSide a, ComparedSide b, bool checksums, PassProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        progress?.Start("listing");
        List<Difference> differences;
        long entriesA, entriesB;
        List<(string Path, long Size)> sameSize;
        TreeListing? left = null, right = null;
        if (!a.IsRemote && !b.IsRemote)
        {
            var local = await Task.Run(() => LocalTreeComparer.Compare(a.Directory!, b.Directory!, checksums, progress, cancellationToken), cancellationToken);
            (differences, entriesA, entriesB, sameSize) = (local.Differences, local.EntriesA, local.EntriesB, local.SameSizeFiles);
        }
        else
        {
            var listings = await Task.WhenAll(ListAsync(a, progress, cancellationToken), ListAsync(b, progress, cancellationToken));
            if (listings.FirstOrDefault(l => l.Listing is null) is { Error: { } error })
            {
                return (null, error);
            }

            (left, right) = (listings[0].Listing!, listings[1].Listing!);
            differences = TreeComparer.Compare(left, right);
            (entriesA, entriesB) = (left.Count, right.Count);
            sameSize = checksums ? ContentChecker.SameSizeFiles(left, right) : [];
        }

        int checkedFiles = 0, uncheckedFiles = 0;
        if (checksums)
        {
            var content = await new ContentChecker(new PublishedSums(rsync)).CheckAsync(a, left, b, right, sameSize, progress, cancellationToken);
            if (content.Error is not null)
            {
                return (null, content.Error);
            }

            differences.AddRange(content.Differences);
            differences.Sort(TreeComparer.Order);
            (checkedFiles, uncheckedFiles) = (content.Checked, content.Unchecked);
        }

        return (new ComparisonReport
        {
            A = a.Argument,
            B = b.Argument,
            EntriesA = entriesA,
            EntriesB = entriesB,
            Differences = differences,
            Checksums = checksums,
            ContentChecked = checkedFiles,
            ContentUnchecked = uncheckedFiles,
            Seconds = stopwatch.Elapsed.TotalSeconds,
        }, null);
    }

    private async Task<(TreeListing? Listing, string? Error)> ListAsync(ComparedSide side, PassProgress? progress, CancellationToken cancellationToken)
    {
        if (side.IsRemote)
        {
            return await new RsyncTreeLister(rsync).ListAsync(side, progress, cancellationToken);
        }

        try
        {
            return (await Task.Run(() => LocalTreeLister.List(side.Directory!, progress, cancellationToken), cancellationToken), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"{side.Argument}: {e.Message}");
        }
    }
}
