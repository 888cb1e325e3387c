namespace DumpDist.Web.Listings;

/// <summary>One published name in a directory listing (symlinks shown as what they point to).</summary>
internal sealed record ListingEntry(string Name, bool IsDirectory, long Size, DateTimeOffset Modified);
