using DumpDist.Core.Configuration.Source;
using DumpDist.Core.Tree;
using DumpDist.Mirrors.Downloads;
using DumpDist.Mirrors.Freshness;
using DumpDist.Web.Serving;

namespace DumpDist.Node.Composition;

/// <summary>
/// Sends downloads towards fresh mirrors: Link rel=duplicate headers on data files, and
/// <c>FILE.meta4</c> (size, SHA-256 from the verification cache, SHA-1 from the run's sums) and,
/// for verified files of at least <paramref name="torrentMinimumSize"/>, <c>FILE.torrent</c> with
/// the origin and fresh mirrors as web seeds. Stale mirrors are never offered.
/// </summary>
internal sealed class MirrorDownloadAlternatives(
    IClusterConfigSource source, FreshnessMonitor freshness, IDigestLookup digests, string servedDirectory, PieceHashes pieces, long torrentMinimumSize, TimeProvider time) : IDownloadAlternatives
{
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
        var modified = new DateTimeOffset(info.LastWriteTimeUtc.Ticks - (info.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
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
            var body = MetalinkWriter.Render(name, info.Length, digest?.Sha256, Sha1Of(physical, name), urls, modified);
            return new GeneratedDocument(System.Text.Encoding.UTF8.GetBytes(body), MetalinkWriter.MediaType);
        }

        // Only verified files get a torrent: its piece hashes would otherwise vouch for unverified bytes.
        if (digest?.Sha256 is null || info.Length < torrentMinimumSize)
        {
            return null;
        }

        var pieceLength = PieceHashes.PieceLengthFor(info.Length);
        var hashes = await pieces.GetAsync(physical, pieceLength, cancellationToken);
        return new GeneratedDocument(TorrentWriter.Render(name, info.Length, pieceLength, hashes, urls, time.GetUtcNow()), TorrentWriter.MediaType);
    }

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
