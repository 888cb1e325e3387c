using DumpDist.Core.Tree;
using DumpDist.Retention.Execution;
using DumpDist.Retention.IO;
using DumpDist.Sync.Verification;

namespace DumpDist.Retention.Compare;

/// <summary>
/// <c>--checksums</c>: the content of every file both sides hold with the same size. Two local trees:
/// byte by byte. A remote side: its published sums (sha1, else md5) against the local file's digest,
/// or against the other remote's published sums; a file no sum covers is counted as unchecked.
/// </summary>
internal sealed class ContentChecker(PublishedSums published)
{
    private const int BufferSize = 1 << 20;
    private readonly byte[] _bufferA = new byte[BufferSize];
    private readonly byte[] _bufferB = new byte[BufferSize];

    /// <summary>The files both listings hold with the same size.</summary>
    public static List<(string Path, long Size)> SameSizeFiles(TreeListing a, TreeListing b) =>
        TreeListing.Matches(a, b)
            .Where(m => a.Entry(m.A) is { Kind: FileKind.File } left && b.Entry(m.B) is { Kind: FileKind.File } right && left.Size == right.Size)
            .Select(m => (a.Path(m.A).ToString(), a.Entry(m.A).Size))
            .ToList();

    /// <summary>Compares the content of <paramref name="candidates"/>; a remote side's listing says which sums files it publishes.</summary>
    public async Task<(List<Difference> Differences, int Checked, int Unchecked, string? Error)> CheckAsync(
        ComparedSide sideA, TreeListing? a, ComparedSide sideB, TreeListing? b, IReadOnlyList<(string Path, long Size)> candidates, PassProgress? progress, CancellationToken cancellationToken)
    {
        progress?.Start("checksums", candidates.Sum(c => c.Size), PassProgress.BytesUnit);
        Dictionary<string, (string? Md5, string? Sha1)>? sumsA = null, sumsB = null;
        foreach (var (side, listing, isA) in new[] { (sideA, a, true), (sideB, b, false) }.Where(s => s.Item1.IsRemote))
        {
            var (sums, error) = await published.FetchAsync(side, listing!, cancellationToken);
            if (sums is null)
            {
                return ([], 0, 0, error);
            }

            if (isA)
            {
                sumsA = sums;
            }
            else
            {
                sumsB = sums;
            }
        }

        var differences = new List<Difference>();
        int checkedFiles = 0, uncheckedFiles = 0;
        foreach (var (path, size) in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (left, right) = await DigestsAsync(path, sideA, sumsA, sideB, sumsB, cancellationToken);
            if (left is null || right is null)
            {
                uncheckedFiles++;
            }
            else
            {
                checkedFiles++;
                if (left != right)
                {
                    differences.Add(new Difference(path, "content", left, right));
                }
            }

            progress?.Advance(size);
        }

        return (differences, checkedFiles, uncheckedFiles, null);
    }

    /// <summary>Comparable values for one path: "same"/"different" for two local files, else digests of one algorithm.</summary>
    private async Task<(string? A, string? B)> DigestsAsync(
        string path, ComparedSide sideA, Dictionary<string, (string? Md5, string? Sha1)>? sumsA, ComparedSide sideB, Dictionary<string, (string? Md5, string? Sha1)>? sumsB, CancellationToken cancellationToken)
    {
        if (sumsA is null && sumsB is null)
        {
            var same = SameBytes(Local(sideA, path), Local(sideB, path), cancellationToken);
            return same ? ("same bytes", "same bytes") : ("bytes differ", "bytes differ (first difference found)");
        }

        var publishedA = sumsA?.GetValueOrDefault(path);
        var publishedB = sumsB?.GetValueOrDefault(path);
        if (sumsA is not null && sumsB is not null)
        {
            return publishedA?.Sha1 is { } sa && publishedB?.Sha1 is { } sb ? ($"sha1 {sa}", $"sha1 {sb}")
                : publishedA?.Md5 is { } ma && publishedB?.Md5 is { } mb ? ($"md5 {ma}", $"md5 {mb}")
                : (null, null);
        }

        // One local side: hash it with the algorithm the remote side publishes.
        var remote = sumsA is null ? publishedB : publishedA;
        var (algorithm, expected) = remote?.Sha1 is { } sha1 ? (ChecksumAlgorithm.Sha1, sha1) : remote?.Md5 is { } md5 ? (ChecksumAlgorithm.Md5, md5) : (default, (string?)null);
        if (expected is null)
        {
            return (null, null);
        }

        var local = await FileHasher.HashAsync(Local(sumsA is null ? sideA : sideB, path), algorithm, null, cancellationToken);
        var name = algorithm == ChecksumAlgorithm.Sha1 ? "sha1" : "md5";
        var actual = $"{name} {(algorithm == ChecksumAlgorithm.Sha1 ? local.Sha1 : local.Md5)}";
        return sumsA is null ? (actual, $"{name} {expected}") : ($"{name} {expected}", actual);
    }

    private static string Local(ComparedSide side, string path) => Path.Combine(side.Directory!, path);

    /// <summary>Byte by byte (synchronous: the bytes come from the page cache or one disk, and a cheap file costs two opens).</summary>
    private bool SameBytes(string a, string b, CancellationToken cancellationToken)
    {
        using var left = File.OpenHandle(a, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var right = File.OpenHandle(b, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        for (long offset = 0; ; )
        {
            cancellationToken.ThrowIfCancellationRequested();
            var readA = RandomAccess.Read(left, _bufferA, offset);
            var readB = RandomAccess.Read(right, _bufferB, offset);
            if (readA != readB || !_bufferA.AsSpan(0, readA).SequenceEqual(_bufferB.AsSpan(0, readB)))
            {
                return false;
            }

            if (readA == 0)
            {
                return true;
            }

            offset += readA;
        }
    }
}
