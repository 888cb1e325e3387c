using DumpDist.Retention.IO;

namespace DumpDist.Retention.Capacity;

/// <summary>Where the walk adds up one part of the tree: a run, a dated entry, a wiki's other files, a dataset's files.</summary>
internal sealed class UsageBucket(string relativePath)
{
    /// <summary>The directory this bucket stands for, under the root.</summary>
    public string RelativePath { get; } = relativePath;

    /// <summary>What it holds.</summary>
    public UsageTotals Totals { get; private set; }

    /// <summary>Oldest mtime of a regular file in it (flat datasets' growth), or null.</summary>
    public DateTime? OldestFile { get; private set; }

    /// <summary>Newest mtime of a regular file in it, or null.</summary>
    public DateTime? NewestFile { get; private set; }

    /// <summary>Adds what <paramref name="other"/> holds to this bucket.</summary>
    public void Merge(UsageBucket other)
    {
        Totals += other.Totals;
        if (other.OldestFile is { } oldest && (OldestFile is null || oldest < OldestFile))
        {
            OldestFile = oldest;
        }

        if (other.NewestFile is { } newest && (NewestFile is null || newest > NewestFile))
        {
            NewestFile = newest;
        }
    }

    public void Add(in FileStat stat)
    {
        Totals = Totals.Add(stat);
        if (stat.Kind == FileKind.File && stat.Size > 0)
        {
            OldestFile = OldestFile is { } oldest && oldest <= stat.ModifiedUtc ? oldest : stat.ModifiedUtc;
            NewestFile = NewestFile is { } newest && newest >= stat.ModifiedUtc ? newest : stat.ModifiedUtc;
        }
    }
}
