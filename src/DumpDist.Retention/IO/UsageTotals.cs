namespace DumpDist.Retention.IO;

/// <summary>What a set of entries takes: bytes on disk (<c>du -B1</c>), apparent bytes (<c>du -b</c>), and counts by kind.</summary>
internal readonly record struct UsageTotals(long Allocated, long Apparent, long Files, long Directories, long Symlinks)
{
    /// <summary>Every entry counted.</summary>
    public long Entries => Files + Directories + Symlinks;

    /// <summary>These totals with <paramref name="stat"/> added.</summary>
    public UsageTotals Add(in FileStat stat) => new(
        Allocated + stat.Allocated,
        Apparent + stat.Size,
        Files + (stat.Kind is FileKind.File or FileKind.Other ? 1 : 0),
        Directories + (stat.Kind == FileKind.Directory ? 1 : 0),
        Symlinks + (stat.Kind == FileKind.Symlink ? 1 : 0));

    /// <summary>The sum of two totals.</summary>
    public static UsageTotals operator +(UsageTotals a, UsageTotals b) => new(
        a.Allocated + b.Allocated, a.Apparent + b.Apparent, a.Files + b.Files, a.Directories + b.Directories, a.Symlinks + b.Symlinks);
}
