namespace DumpDist.Retention.Compare;

/// <summary>Every published entry of one side, by path relative to the side's top (<c>/</c> separated).</summary>
/// <param name="Source">The directory or rsync URL as given.</param>
/// <param name="Entries">Path to entry.</param>
/// <param name="WallClockMtimes">True when mtimes are local wall-clock seconds (rsync prints them so).</param>
internal sealed record TreeListing(string Source, IReadOnlyDictionary<string, TreeEntry> Entries, bool WallClockMtimes)
{
    /// <summary>This listing's mtimes as local wall-clock seconds, to compare with an rsync listing.</summary>
    public TreeListing AsWallClock()
    {
        if (WallClockMtimes)
        {
            return this;
        }

        var zone = TimeZoneInfo.Local;
        var entries = new Dictionary<string, TreeEntry>(Entries.Count, StringComparer.Ordinal);
        foreach (var (path, entry) in Entries)
        {
            var wall = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddSeconds(entry.Mtime), zone);
            entries[path] = entry with { Mtime = (long)(wall - DateTime.UnixEpoch).TotalSeconds };
        }

        return this with { Entries = entries, WallClockMtimes = true };
    }
}
