using System.Globalization;
using System.Text.RegularExpressions;

namespace DumpDist.Sync.Transport;

/// <summary>One entry of `rsync --list-only -r --no-h`: type, size, modification time, relative path.</summary>
public sealed partial record ListingEntry(char Type, long Size, DateTime Modified, string Path)
{
    /// <summary>A regular file.</summary>
    public bool IsFile => Type == '-';

    /// <summary>A directory.</summary>
    public bool IsDirectory => Type == 'd';

    /// <summary>A symbolic link.</summary>
    public bool IsSymlink => Type == 'l';

    /// <summary>Parses a listing line; null for anything else.</summary>
    public static ListingEntry? TryParse(string line)
    {
        var match = LinePattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var size = long.Parse(match.Groups["size"].ValueSpan, CultureInfo.InvariantCulture);
        var time = DateTime.ParseExact(match.Groups["time"].Value, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);
        return new ListingEntry(match.Groups["type"].Value[0], size, time, match.Groups["path"].Value);
    }

    [GeneratedRegex(@"^(?<type>[-dlcbps])[-rwxsStT]{9}\s+(?<size>\d+) (?<time>\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) (?<path>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();
}
