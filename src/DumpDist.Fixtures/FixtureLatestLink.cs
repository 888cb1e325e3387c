namespace DumpDist.Fixtures;

/// <summary>A <c>latest/</c> entry: a relative symlink into the newest good run and its RSS feed.</summary>
/// <param name="Name">Link name, e.g. <c>enwiki-latest-pages-articles.xml.bz2</c>.</param>
/// <param name="Target">Relative link target, e.g. <c>../20261101/enwiki-20261101-pages-articles.xml.bz2</c>.</param>
/// <param name="RunDate">The run the link points into.</param>
/// <param name="FeedName">The RSS file beside it, <c>NAME-rss.xml</c>.</param>
public sealed record FixtureLatestLink(string Name, string Target, string RunDate, string FeedName);
