using DumpDist.Core.Tree;

namespace DumpDist.Retention.Compare;

/// <summary>
/// What compare looks at: what is published. Dot names (rsync's temp files, sync staging, the
/// cleanup trash) and never-published names (<c>*.inprog</c>, <c>bad/ save/ not/ temp/ tmp/</c>) are
/// left out on both sides, so a serving copy compares equal to its generation host.
/// </summary>
internal static class PublishedFilter
{
    /// <summary>rsync filters for the same rules (the daemon leaves them out of its listing).</summary>
    public static IEnumerable<string> RsyncExcludes => ["--exclude=.*", .. PublishRules.RsyncNeverPublishedPatterns.Select(p => "--exclude=" + p)];

    /// <summary>True when an entry named <paramref name="name"/> (and, for a directory, all beneath it) is left out.</summary>
    public static bool Skips(ReadOnlySpan<char> name, bool isDirectory)
    {
        if (name.StartsWith('.'))
        {
            return true;
        }

        if (!isDirectory)
        {
            return name.EndsWith(PublishRules.InProgressSuffix, StringComparison.Ordinal);
        }

        foreach (var excluded in PublishRules.ExcludedDirectoryNames)
        {
            if (name.SequenceEqual(excluded))
            {
                return true;
            }
        }

        return false;
    }
}
