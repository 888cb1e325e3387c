using DumpDist.Core.Configuration.Source;
using DumpDist.Core.Tree;
using DumpDist.Mirrors.Downloads;
using DumpDist.Mirrors.Freshness;
using DumpDist.Web.Listings;
using DumpDist.Web.Serving;

namespace DumpDist.Node.Composition;

/// <summary>
/// Sends downloads towards fresh mirrors: Link rel=duplicate headers on data files, and
/// <c>FILE.meta4</c> (size, SHA-256 from the verification cache, SHA-1 from the run's sums, and the
/// torrent when there is one) and, for verified files of at least the pieces' minimum size,
/// <c>FILE.torrent</c> with the origin and fresh mirrors as web seeds. Both are listed next to their
/// file in the directory listings. Stale mirrors are never offered.
/// </summary>
internal sealed class MirrorDownloadAlternatives(
    IClusterConfigSource source, FreshnessMonitor freshness, IDigestLookup digests, string servedDirectory, PieceHashes pieces, TimeProvider time) : IDownloadAlternatives
{
    public IReadOnlyList<ListingEntry> ListedWith(string directoryRelativePath, IReadOnlyList<ListingEntry> entries)
    {
        var listed = new List<ListingEntry>(entries.Count * 2);
        foreach (var entry in entries)
        {
            listed.Add(entry);
            var relative = directoryRelativePath.Length == 0 ? entry.Name : directoryRelativePath.TrimEnd('/') + "/" + entry.Name;
            if (entry.IsDirectory || entry.Generated || !IsDataFile(relative))
            {
                continue;
            }

            var digest = digests.Find(relative, entry.Size, WholeSeconds(entry.Modified));
            if (digest?.Failed == true)
            {
                continue;
            }

            listed.Add(new ListingEntry(entry.Name + MetalinkWriter.Suffix, false, 0, entry.Modified, Generated: true));
            if (HasTorrent(digest, entry.Size))
            {
                listed.Add(new ListingEntry(entry.Name + TorrentWriter.Suffix, false, 0, entry.Modified, Generated: true));
            }
        }

        return listed;
    }

    public IReadOnlyList<string> LinksFor(Resource file)
    {
        if (!IsDataFile(file.RelativePath))
        {
            return [];
        }

        var copies = FreshMirrors.CopiesOf(file.RelativePath, source.Current.Mirrors, freshness.State.Mirrors);
        return copies.Count == 0 ? [] : DuplicateLinks.For(copies, Uri.EscapeDataString(Path.GetFileName(file.RelativePath)) + MetalinkWriter.Suffix);
    }

    public async Task<GeneratedDocument?> TryRenderAsync(string relativePath, Uri? origin, CancellationToken cancellationToken)
    {
        var metalink = relativePath.EndsWith(MetalinkWriter.Suffix, StringComparison.Ordinal);
        var torrent = relativePath.EndsWith(TorrentWriter.Suffix, StringComparison.Ordinal);
        if (!metalink && !torrent)
        {
            return null;
        }

        var target = relativePath[..^(metalink ? MetalinkWriter.Suffix.Length : TorrentWriter.Suffix.Length)];
        var physical = Path.Combine(servedDirectory, target);
        if (!IsDataFile(target) || PublishRules.IsNeverPublished(target) || !File.Exists(physical))
        {
            return null;
        }

        var info = new FileInfo(physical);
        var modified = WholeSeconds(new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
        var digest = digests.Find(target, info.Length, modified);
        if (digest?.Failed == true)
        {
            return null;
        }

        var name = Path.GetFileName(target);
        var escaped = string.Join('/', target.Split('/').Select(Uri.EscapeDataString));
        var mirrors = FreshMirrors.CopiesOf(target, source.Current.Mirrors, freshness.State.Mirrors);
        IReadOnlyList<Uri> urls = origin is null ? mirrors : [new Uri(origin, escaped), .. mirrors];
        if (metalink)
        {
            // The torrent is named only with an origin to name it under (Metalink URLs are absolute).
            var torrentUrl = origin is not null && HasTorrent(digest, info.Length) ? new Uri(origin, escaped + TorrentWriter.Suffix) : null;
            var body = MetalinkWriter.Render(name, info.Length, digest?.Sha256, Sha1Of(physical, name), urls, modified, torrentUrl);
            return new GeneratedDocument(System.Text.Encoding.UTF8.GetBytes(body), MetalinkWriter.MediaType);
        }

        if (!HasTorrent(digest, info.Length))
        {
            return null;
        }

        var pieceLength = PieceHashes.PieceLengthFor(info.Length);
        var hashes = await pieces.GetAsync(physical, pieceLength, cancellationToken);
        return new GeneratedDocument(TorrentWriter.Render(name, info.Length, pieceLength, hashes, urls, time.GetUtcNow()), TorrentWriter.MediaType);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>Only verified files get a torrent: its piece hashes would otherwise vouch for unverified bytes.</summary>
    private bool HasTorrent(DigestInfo? digest, long length) => digest?.Sha256 is not null && length >= pieces.MinimumSize;

    private static bool IsDataFile(string relativePath) =>
        relativePath.Contains('/', StringComparison.Ordinal) && !PublishRules.IsStatusOrIndexFile(relativePath) && !PublishRules.IsNeverPublished(relativePath);

    /// <summary>The file's SHA-1 from its run's sha1sums file, when there is one.</summary>
    private static string? Sha1Of(string physical, string name)
    {
        var directory = Path.GetDirectoryName(physical)!;
        foreach (var sums in Directory.EnumerateFiles(directory, "*sha1sums*.txt"))
        {
            if (ChecksumFile.Read(sums).Value is { } set && set.Sums.TryGetValue(name, out var hex))
            {
                return hex;
            }
        }

        return null;
    }
}
