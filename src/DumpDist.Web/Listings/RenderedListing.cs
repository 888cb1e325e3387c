namespace DumpDist.Web.Listings;

/// <summary>Both renderings of one directory version, built on first request and reused.</summary>
internal sealed class RenderedListing(long modifiedTicks, long createdAt, string requestPath, IReadOnlyList<ListingEntry> entries, string? indexPage = null)
{
    private byte[]? _html;
    private byte[]? _json;

    public long ModifiedTicks { get; } = modifiedTicks;

    public long CreatedAt { get; } = createdAt;

    public string ETag { get; } = $"\"d{modifiedTicks:x}-{entries.Count:x}\"";

    public byte[] Html => _html ??= HtmlListingRenderer.Render(requestPath, entries, indexPage);

    public byte[] Json => _json ??= JsonListingRenderer.Render(requestPath, entries);
}
