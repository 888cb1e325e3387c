using System.Collections.Concurrent;
using DumpDist.Web.Serving;

namespace DumpDist.Web.Listings;

/// <summary>
/// Rendered listings keyed by directory and its mtime: adding, removing or renaming an entry
/// changes the directory's mtime and so the key. Entries also expire after a few seconds, since
/// a file growing in place does not touch its directory.
/// </summary>
/// <remarks>With <paramref name="alternatives"/>, a listing also names the documents generated next to its files (FILE.meta4, FILE.torrent).</remarks>
internal sealed class ListingCache(string rootReal, TimeProvider time, TimeSpan maxAge, IReadOnlyList<string>? indexFiles = null, IDownloadAlternatives? alternatives = null)
{
    private const int MaxDirectories = 20_000;
    private readonly ConcurrentDictionary<string, RenderedListing> _cache = new(StringComparer.Ordinal);

    // The directory's own page, linked from the top of the generated listing.
    private string? IndexPageOf(IReadOnlyList<ListingEntry> entries) =>
        indexFiles?.FirstOrDefault(name => entries.Any(e => !e.IsDirectory && e.Name == name));

    /// <summary>The cached listing if it is still current, else null (no directory is read).</summary>
    public RenderedListing? TryGetCurrent(Resource directory, string requestPath) =>
        _cache.TryGetValue(requestPath, out var cached)
        && cached.ModifiedTicks == directory.ModifiedTicks
        && time.GetElapsedTime(cached.CreatedAt, time.GetTimestamp()) < maxAge
            ? cached
            : null;

    /// <summary>
    /// The listing, scanning the directory when the cache has none current. Requests may run on a
    /// socket engine thread (inline completions), so a scan, which can take long on a large or
    /// cold directory, goes to the thread pool instead of holding every other connection.
    /// </summary>
    public ValueTask<RenderedListing> GetAsync(Resource directory, string requestPath) =>
        TryGetCurrent(directory, requestPath) is { } current
            ? ValueTask.FromResult(current)
            : new ValueTask<RenderedListing>(Task.Run(() => Get(directory, requestPath)));

    public RenderedListing Get(Resource directory, string requestPath)
    {
        var now = time.GetTimestamp();
        if (TryGetCurrent(directory, requestPath) is { } cached)
        {
            return cached;
        }

        IReadOnlyList<ListingEntry> entries = DirectoryScanner.Scan(directory.PhysicalPath, rootReal);
        var indexPage = IndexPageOf(entries);
        if (alternatives is not null)
        {
            entries = alternatives.ListedWith(directory.RelativePath, entries);
        }

        var rendered = new RenderedListing(directory.ModifiedTicks, now, requestPath, entries, indexPage);
        if (_cache.Count >= MaxDirectories)
        {
            _cache.Clear();
        }

        _cache[requestPath] = rendered;
        return rendered;
    }
}
