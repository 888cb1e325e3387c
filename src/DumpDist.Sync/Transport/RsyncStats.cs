using System.Globalization;
using System.Text.RegularExpressions;

namespace DumpDist.Sync.Transport;

/// <summary>The counts rsync prints with <c>--stats --no-h</c>, read line by line.</summary>
public sealed partial class RsyncStats
{
    /// <summary>Regular files and symlinks in rsync's file list ("Number of files"), if printed.</summary>
    public long? Files { get; private set; }

    /// <summary>"Number of regular files transferred", if printed.</summary>
    public long? TransferredFiles { get; private set; }

    /// <summary>"Total transferred file size" in bytes, if printed.</summary>
    public long? TransferredBytes { get; private set; }

    /// <summary>Takes in <paramref name="line"/> if it is one of the counts; false otherwise.</summary>
    public bool Read(string line)
    {
        if (TryParseFileCount(line) is { } files)
        {
            Files = files;
            return true;
        }

        var transferred = TransferredLine().Match(line);
        if (!transferred.Success)
        {
            return false;
        }

        var value = long.Parse(transferred.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        if (transferred.Groups["what"].ValueSpan.StartsWith("Number"))
        {
            TransferredFiles = value;
        }
        else
        {
            TransferredBytes = value;
        }

        return true;
    }

    /// <summary>
    /// The regular files and symlinks in rsync's file list, from its "Number of files" line;
    /// null when <paramref name="line"/> is not that line.
    /// </summary>
    public static long? TryParseFileCount(string line)
    {
        var stats = FilesLine().Match(line);
        return stats.Success ? Count(stats, "reg") + Count(stats, "link") : null;
    }

    private static long Count(Match match, string kind)
    {
        var group = match.Groups[kind];
        return group.Success ? long.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
    }

    // "Number of files: 205337 (reg: 204000, dir: 1336, link: 1)" (with --no-h: no separators).
    [GeneratedRegex(@"^Number of files: \d+(?: \((?:reg: (?<reg>\d+))?(?:, )?(?:dir: \d+)?(?:, )?(?:link: (?<link>\d+))?.*\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FilesLine();

    // "Number of regular files transferred: 20400", "Total transferred file size: 27193600 bytes".
    [GeneratedRegex(@"^(?<what>Number of regular files transferred|Total transferred file size): (?<n>\d+)(?: bytes)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TransferredLine();
}
