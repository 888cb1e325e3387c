namespace DumpDist.Retention.Compare;

/// <summary>
/// Paths in tree order: ordinal, except that <c>/</c> sorts before every other character, so a
/// directory's entries follow it without a gap (<c>a/b</c>, <c>a/b/x</c>, <c>a/b-c</c>): two sorted
/// listings merge in one pass, and a missing directory's entries are the run right after it.
/// </summary>
internal static class PathOrder
{
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length - b.Length;
        }

        var x = a[common];
        var y = b[common];
        return (x == '/' ? -1 : x) - (y == '/' ? -1 : y);
    }

    /// <summary>True when <paramref name="path"/> lies beneath directory <paramref name="directory"/>.</summary>
    public static bool IsBeneath(ReadOnlySpan<char> path, ReadOnlySpan<char> directory) =>
        path.Length > directory.Length && path[directory.Length] == '/' && path.StartsWith(directory, StringComparison.Ordinal);
}
