using System.Collections.Concurrent;
using DumpDist.Core.Tree;
using DumpDist.Sync.State;
using DumpDist.Sync.Verification;
using DumpDist.Web.Serving;

namespace DumpDist.Node.Composition;

/// <summary>
/// Feeds the web's integrity decisions from the sync side's verified-file cache (sync.db in the
/// host's state directory): the SHA-256 for <c>Repr-Digest</c> of a file verified good, and
/// "failed" for one that did not match its published sum. Answers are kept in memory for a few
/// seconds per file version so the per-request cost stays a dictionary lookup.
/// </summary>
internal sealed class VerificationDigestLookup(VerificationCache cache, string servedDirectory, TimeProvider time) : IDigestLookup
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Remembered> _remembered = new(StringComparer.Ordinal);

    /// <summary>
    /// The web's lookup for tree root <paramref name="treeRoot"/>: it answers for the directory the
    /// web serves (<see cref="ServedTree.PathOf"/>, decided once, now, as the web decides it), and
    /// opens the verified-file cache as soon as a sync or `dumpdist verify` has created it, so a
    /// server started before the first verification still refuses what that verification failed.
    /// </summary>
    public static IDigestLookup ForTree(string stateDirectory, string treeRoot, TimeProvider time)
    {
        var served = ServedTree.PathOf(treeRoot);
        return TryOpen(stateDirectory, served, time) ?? (IDigestLookup)new LazyDigestLookup(stateDirectory, served, time);
    }

    /// <summary>
    /// The lookup for the served directory, or null when no sync has verified anything there yet
    /// (the web never creates the state database itself).
    /// </summary>
    internal static VerificationDigestLookup? TryOpen(string stateDirectory, string servedDirectory, TimeProvider time)
    {
        if (!File.Exists(Path.Combine(stateDirectory, SyncStateDatabase.FileName)))
        {
            return null;
        }

        return new VerificationDigestLookup(VerificationCache.Open(stateDirectory), servedDirectory, time);
    }

    public DigestInfo? Find(string relativePath, long length, DateTimeOffset lastModified)
    {
        var now = time.GetUtcNow();
        if (_remembered.TryGetValue(relativePath, out var known) && known.Length == length && known.LastModified == lastModified && known.Until > now)
        {
            return known.Info;
        }

        var info = Read(relativePath);
        _remembered[relativePath] = new Remembered(length, lastModified, info, now + Lifetime);
        return info;
    }

    private DigestInfo? Read(string relativePath)
    {
        // The cache is keyed by the real file's path, size and mtime: a link (latest/) or a file
        // replaced since it was verified finds nothing, and is served without a digest.
        var file = new FileInfo(Path.Combine(servedDirectory, relativePath));
        if (!file.Exists || file.LinkTarget is not null)
        {
            return null;
        }

        var entry = cache.TryGet(file.FullName, file.Length, VerificationCache.MtimeNanoseconds(file));
        return entry switch
        {
            null => null,
            { Good: true } => new DigestInfo(Convert.FromHexString(entry.Hashes.Sha256), Failed: false),
            _ => new DigestInfo(null, Failed: true),
        };
    }

    private sealed record Remembered(long Length, DateTimeOffset LastModified, DigestInfo? Info, DateTimeOffset Until);
}
