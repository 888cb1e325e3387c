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

    private static readonly byte[] InProgressSuffix = System.Text.Encoding.ASCII.GetBytes(PublishRules.InProgressSuffix);
    private static readonly byte[][] ExcludedDirectoryNames = [.. PublishRules.ExcludedDirectoryNames.Select(System.Text.Encoding.ASCII.GetBytes)];

    /// <summary>True when an entry named <paramref name="name"/> (UTF-8; for a directory, all beneath it too) is left out.</summary>
    public static bool Skips(ReadOnlySpan<byte> name, bool isDirectory)
    {
        if (name.Length > 0 && name[0] == (byte)'.')
        {
            return true;
        }

        if (!isDirectory)
        {
            return name.EndsWith(InProgressSuffix);
        }

        foreach (var excluded in ExcludedDirectoryNames)
        {
            if (name.SequenceEqual(excluded))
            {
                return true;
            }
        }

        return false;
    }
}
