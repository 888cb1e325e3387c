namespace DumpDist.Sync.Transport;

/// <summary>
/// One line of rsync output in our `--out-format=%i|%l|%n` form: what changed, its size, its path.
/// </summary>
public sealed record ItemizedChange(string Itemize, long Length, string Path)
{
    /// <summary>The --out-format that produces lines this type parses.</summary>
    public const string OutFormat = "%i|%l|%n";

    /// <summary>True when a regular file's content was (or, in a dry run, would be) transferred.</summary>
    public bool IsFileTransfer => Itemize.Length >= 2 && Itemize[0] is '>' or 'c' && Itemize[1] == 'f';

    /// <summary>True for a deletion (`*deleting`).</summary>
    public bool IsDeletion => Itemize.StartsWith("*deleting", StringComparison.Ordinal);

    /// <summary>Parses a line; null for lines that are not itemized changes (warnings, stats).</summary>
    public static ItemizedChange? TryParse(string line)
    {
        var first = line.IndexOf('|', StringComparison.Ordinal);
        if (first <= 0)
        {
            return null;
        }

        var second = line.IndexOf('|', first + 1);
        if (second < 0 || !long.TryParse(line.AsSpan(first + 1, second - first - 1), out var length))
        {
            return null;
        }

        var itemize = line[..first].Trim();
        if (itemize.Length < 2)
        {
            return null;
        }

        return new ItemizedChange(itemize, length, line[(second + 1)..]);
    }
}
