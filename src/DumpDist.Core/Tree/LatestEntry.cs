namespace DumpDist.Core.Tree;

/// <summary>
/// An entry of <c>&lt;wiki&gt;/latest/</c>: a <c>&lt;wiki&gt;-latest-&lt;name&gt;</c> symlink into a run, or an RSS feed.
/// </summary>
/// <param name="Name">The entry's file name.</param>
/// <param name="LinkTarget">The raw symlink target, or null for a regular file (feeds).</param>
/// <param name="RunDate">The run the link points into, when its target is <c>../YYYYMMDD/...</c>.</param>
/// <param name="TargetExists">Whether the link's target exists.</param>
public sealed record LatestEntry(string Name, string? LinkTarget, string? RunDate, bool TargetExists)
{
    /// <summary>True for an RSS feed (<c>*-rss.xml</c>).</summary>
    public bool IsFeed => Name.EndsWith("-rss.xml", StringComparison.Ordinal);
}
