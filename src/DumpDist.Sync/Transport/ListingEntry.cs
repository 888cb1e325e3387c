using System.Globalization;

namespace DumpDist.Sync.Transport;

/// <summary>One entry of `rsync --list-only -r --no-h`: type, size, modification time (local), relative path.</summary>
public sealed record ListingEntry(char Type, long Size, DateTime Modified, string Path)
{
    private const int ModeLength = 10;
    private const int TimeLength = 19; // yyyy/MM/dd HH:mm:ss

    /// <summary>A regular file.</summary>
    public bool IsFile => Type == '-';

    /// <summary>A directory.</summary>
    public bool IsDirectory => Type == 'd';

    /// <summary>A symbolic link.</summary>
    public bool IsSymlink => Type == 'l';

    /// <summary>Parses a listing line; null for anything else. Hand-rolled: a listing can have millions of lines.</summary>
    public static ListingEntry? TryParse(string line)
    {
        var span = line.AsSpan();
        if (span.Length < ModeLength + 1 + 1 + 1 + TimeLength + 2 || "-dlcbps".IndexOf(span[0]) < 0 || span[ModeLength] != ' ')
        {
            return null;
        }

        foreach (var c in span[1..ModeLength])
        {
            if ("-rwxsStT".IndexOf(c) < 0)
            {
                return null;
            }
        }

        var rest = span[ModeLength..].TrimStart(' ');
        var sizeEnd = rest.IndexOf(' ');
        if (sizeEnd <= 0 || !long.TryParse(rest[..sizeEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        rest = rest[(sizeEnd + 1)..];
        if (rest.Length < TimeLength + 2 || rest[TimeLength] != ' '
            || !DateTime.TryParseExact(rest[..TimeLength], "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }

        return new ListingEntry(span[0], size, time, rest[(TimeLength + 1)..].ToString());
    }
}
