using System.Collections.Concurrent;
using DumpDist.Core.Hashing;
using DumpDist.Core.Tree;

namespace DumpDist.Sync.Verification;

/// <summary>
/// Checks files against their published digests and sizes, in parallel across files (up to the
/// core count), reading each file once for both its digest and SHA-256, and skipping files the
/// cache already knows at the same size and mtime.
/// </summary>
public sealed class FileVerifier
{
    private readonly VerificationCache _cache;
    private readonly TimeProvider _time;
    private readonly int _parallelism;
    private int _hashing;
    private readonly IPieceHashStore? _pieces;

    /// <summary>
    /// A verifier recording into <paramref name="cache"/>; with <paramref name="pieces"/>, each file it reads that
    /// wants a torrent gets its piece hashes from the same read, kept once the file proved good.
    /// </summary>
    public FileVerifier(VerificationCache cache, TimeProvider time, int? parallelism = null, IPieceHashStore? pieces = null)
    {
        _cache = cache;
        _time = time;
        _parallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount);
        _pieces = pieces;
    }

    /// <summary>Runs <paramref name="plan"/>; <paramref name="onBytes"/> reports bytes hashed.</summary>
    public Task<VerificationReport> VerifyAsync(VerificationPlan plan, Action<long>? onBytes, CancellationToken cancellationToken) =>
        VerifyAsync(plan, onBytes, null, cancellationToken);

    /// <summary>Runs <paramref name="plan"/>; <paramref name="onBytes"/> reports bytes hashed, <paramref name="onFile"/> each file done.</summary>
    public async Task<VerificationReport> VerifyAsync(VerificationPlan plan, Action<long>? onBytes, Action? onFile, CancellationToken cancellationToken)
    {
        var problems = new ConcurrentBag<VerifyProblem>(plan.Problems);
        var updates = new ConcurrentQueue<CacheEntry>();
        int good = 0, hits = 0, noChecksum = plan.NoChecksum;
        long bytes = 0;
        await Parallel.ForEachAsync(
            plan.Items,
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var outcome = await VerifyOneAsync(item, updates, onBytes, token);
                Interlocked.Add(ref bytes, outcome.BytesRead);
                onFile?.Invoke();
                if (outcome.Problem is not null)
                {
                    problems.Add(outcome.Problem);
                }
                else if (outcome.Unchecked)
                {
                    Interlocked.Increment(ref noChecksum);
                }
                else
                {
                    Interlocked.Increment(ref good);
                    if (outcome.BytesRead == 0)
                    {
                        Interlocked.Increment(ref hits);
                    }
                }
            });

        // One transaction for the whole run: thousands of small files would otherwise cost a commit each.
        _cache.PutMany(updates, _time.GetUtcNow());
        return new VerificationReport
        {
            Good = good,
            CacheHits = hits,
            NoChecksum = noChecksum,
            BytesRead = bytes,
            Problems = problems.OrderBy(p => p.Path, StringComparer.Ordinal).ToList(),
        };
    }

    private async Task<ItemOutcome> VerifyOneAsync(VerifyItem item, ConcurrentQueue<CacheEntry> updates, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        var info = new FileInfo(item.FullPath);
        if (!info.Exists)
        {
            return ItemOutcome.Failed(new VerifyProblem(item.RelativePath, VerifyProblemKind.Missing, "not present"));
        }

        var expected = item.Expected;
        if (expected.Size is { } size && size != info.Length)
        {
            return ItemOutcome.Failed(new VerifyProblem(item.RelativePath, VerifyProblemKind.SizeMismatch, $"size {info.Length}, dumpstatus.json says {size}"));
        }

        if (expected.Algorithm is not { } algorithm || expected.Digest is not { } digest)
        {
            return new ItemOutcome(null, 0, Unchecked: true);
        }

        var mtime = VerificationCache.MtimeNanoseconds(info);
        var cached = _cache.TryGet(item.FullPath, info.Length, mtime);
        var cachedDigest = cached is null ? null : algorithm == ChecksumAlgorithm.Sha1 ? cached.Hashes.Sha1 : cached.Hashes.Md5;
        FileHashes hashes;
        long read = 0;
        if (cached is not null && cachedDigest is not null)
        {
            hashes = cached.Hashes;
        }
        else
        {
            using var pieces = _pieces?.PieceLengthFor(info.Length) is { } pieceLength ? new PieceHasher(pieceLength) : null;
            try
            {
                // While fewer files than cores are left, each one's two digests share the idle cores.
                Interlocked.Increment(ref _hashing);
                try
                {
                    hashes = await FileHasher.HashAsync(item.FullPath, algorithm, onBytes, pieces, cancellationToken, () => Volatile.Read(ref _hashing) < _parallelism);
                }
                finally
                {
                    Interlocked.Decrement(ref _hashing);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return ItemOutcome.Failed(new VerifyProblem(item.RelativePath, VerifyProblemKind.Unreadable, e.Message));
            }

            read = hashes.Size;
            cachedDigest = algorithm == ChecksumAlgorithm.Sha1 ? hashes.Sha1 : hashes.Md5;

            // Only a good file's pieces are kept (a torrent vouches for its bytes), and only when the read saw the
            // whole file as it was stat'ed: one that changed meanwhile would get hashes of other bytes.
            if (pieces is not null && string.Equals(cachedDigest, digest, StringComparison.OrdinalIgnoreCase) && read == info.Length)
            {
                await KeepPiecesAsync(item.FullPath, info, pieces, cancellationToken);
            }
        }

        var matches = string.Equals(cachedDigest, digest, StringComparison.OrdinalIgnoreCase);
        if (read > 0 || cached is null || cached.Good != matches)
        {
            updates.Enqueue(new CacheEntry(item.FullPath, mtime, hashes, matches));
        }

        if (!matches)
        {
            var name = algorithm == ChecksumAlgorithm.Sha1 ? "sha1" : "md5";
            return new ItemOutcome(new VerifyProblem(item.RelativePath, VerifyProblemKind.ChecksumMismatch, $"{name} {cachedDigest}, published {digest}"), read, false);
        }

        return new ItemOutcome(null, read, false);
    }

    private async Task KeepPiecesAsync(string path, FileInfo info, PieceHasher pieces, CancellationToken cancellationToken)
    {
        try
        {
            await _pieces!.PutAsync(path, info.Length, info.LastWriteTimeUtc, pieces.PieceLength, pieces.Complete(), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The torrent then computes them on first request; verification itself succeeded.
        }
    }

    private sealed record ItemOutcome(VerifyProblem? Problem, long BytesRead, bool Unchecked)
    {
        public static ItemOutcome Failed(VerifyProblem problem) => new(problem, 0, false);
    }
}
