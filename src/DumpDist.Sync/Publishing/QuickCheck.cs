using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// rsync's quick check (size and whole-second mtime) done locally against the source listing, so
/// stage 1 names only the files that differ. A false "differs" costs nothing (rsync checks
/// again); "same" has exactly rsync's default meaning.
/// </summary>
public static class QuickCheck
{
    /// <summary>The entries whose destination copy is missing or differs; symlinks are always included.</summary>
    public static IReadOnlyList<string> Differing(string destination, IReadOnlyList<ListingEntry> entries, CancellationToken cancellationToken)
    {
        var differs = new bool[entries.Count];
        Parallel.For(0, entries.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var entry = entries[i];
            if (!entry.IsFile)
            {
                differs[i] = true;
                return;
            }

            var local = new FileInfo(Path.Combine(destination, entry.Path));
            differs[i] = !local.Exists
                || local.Length != entry.Size
                || TruncateToSeconds(local.LastWriteTime) != entry.Modified;
        });

        var result = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (differs[i])
            {
                result.Add(entries[i].Path);
            }
        }

        return result;
    }

    // The listing prints local time to the second, as rsync's default comparison uses whole seconds.
    private static DateTime TruncateToSeconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
}
