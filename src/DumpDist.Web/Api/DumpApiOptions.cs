namespace DumpDist.Web.Api;

/// <summary>Options of the dump-aware API (<see cref="DumpApiMiddleware"/>).</summary>
public sealed class DumpApiOptions
{
    /// <summary>The tree root: the directory holding <c>public/</c>, which the web serves at <c>/</c>.</summary>
    public string TreeRoot { get; set; } = string.Empty;

    /// <summary>The URL prefix of the API.</summary>
    public string PathPrefix { get; set; } = "/api/v1";

    /// <summary>How long a whole-tree scan (wiki list, index.json) is reused before the tree is read again.</summary>
    public TimeSpan SnapshotLifetime { get; set; } = TimeSpan.FromSeconds(5);
}
