namespace DumpDist.Web.Listings;

/// <summary>One published name in a directory listing (symlinks shown as what they point to).</summary>
/// <param name="Name">The name in the directory.</param>
/// <param name="IsDirectory">A directory (listed with a trailing slash).</param>
/// <param name="Size">Bytes of a file; unused for directories and generated documents.</param>
/// <param name="Modified">Last modification (for a generated document, that of the file it describes).</param>
/// <param name="Generated">A document generated on request (<c>FILE.meta4</c>, <c>FILE.torrent</c>): no file on disk, so no size is listed.</param>
internal sealed record ListingEntry(string Name, bool IsDirectory, long Size, DateTimeOffset Modified, bool Generated = false);
