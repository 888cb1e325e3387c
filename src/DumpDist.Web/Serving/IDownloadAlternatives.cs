namespace DumpDist.Web.Serving;

/// <summary>
/// Other places to download a file from, which a node adds to its web when it knows fresh mirrors:
/// <c>Link: rel=duplicate</c> headers on data files, and generated <c>FILE.meta4</c> / <c>FILE.torrent</c> documents.
/// </summary>
internal interface IDownloadAlternatives
{
    /// <summary>Link header values to send with <paramref name="file"/>; empty when there are none.</summary>
    IReadOnlyList<string> LinksFor(Resource file);

    /// <summary>
    /// <paramref name="entries"/> of the directory <paramref name="directoryRelativePath"/> with the documents this
    /// would generate for them (each right after the file it describes), so a listing shows what can be fetched.
    /// </summary>
    IReadOnlyList<Listings.ListingEntry> ListedWith(string directoryRelativePath, IReadOnlyList<Listings.ListingEntry> entries);

    /// <summary>
    /// A document generated for <paramref name="relativePath"/> (no file there), or null. <paramref name="origin"/> is
    /// this site's configured public base URL; null when none is configured, and then the document lists only the mirrors
    /// (Metalink and torrent URLs must be absolute, and the request's Host header is never trusted for one).
    /// </summary>
    Task<GeneratedDocument?> TryRenderAsync(string relativePath, Uri? origin, CancellationToken cancellationToken);
}
