namespace DumpDist.Web.Api;

/// <summary>Options of the dump-aware API (<see cref="DumpApiMiddleware"/>).</summary>
public sealed class DumpApiOptions
{
    /// <summary>The tree root: the directory holding <c>public/</c>, which the web serves at <c>/</c>.</summary>
    public string TreeRoot { get; set; } = string.Empty;

    /// <summary>The URL prefix of the API.</summary>
    public string PathPrefix { get; set; } = "/api/v1";

    /// <summary>How old the whole-tree snapshot (wiki list, index.json) may get before a request starts a background rebuild (the request is still answered from it).</summary>
    public TimeSpan SnapshotLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Before the first whole-tree snapshot exists, how long a request waits for it before a 503 with Retry-After.</summary>
    public TimeSpan FirstSnapshotWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The site's public base URL for absolute links (feeds); null: links are site-relative paths.</summary>
    public Uri? PublicUrl { get; set; }
}
