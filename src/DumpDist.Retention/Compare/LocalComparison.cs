namespace DumpDist.Retention.Compare;

/// <summary>What comparing two local trees found, and the files both hold with the same size (for <c>--checksums</c>).</summary>
internal sealed record LocalComparison(List<Difference> Differences, long EntriesA, long EntriesB, List<(string Path, long Size)> SameSizeFiles);
