using System.Globalization;
using System.Text;
using DumpDist.Retention.IO;

namespace DumpDist.Retention.Compare;

/// <summary>
/// Reads the lines of <c>rsync --list-only -r -l --no-h</c>:
/// <c>-rw-r--r--     3145728 2026/11/30 12:06:01 enwiki/20261101/file</c>, a symlink as
/// <c>lrwxrwxrwx 3 ... name -> target</c>. rsync escapes unprintable bytes in names as <c>\#ooo</c> (octal).
/// </summary>
internal static class RsyncListParser
{
    /// <summary>The path, entry and symlink target of one line; null for the top directory (<c>.</c>) or a line that is not a listing.</summary>
    public static (string Path, TreeEntry Entry, string? LinkTarget)? Parse(string line)
    {
        // mode(10) spaces size space date(10) space time(8) space name
        if (line.Length < 10 + 2 + 1 + 10 + 1 + 8 + 2)
        {
            return null;
        }

        var kind = line[0] switch
        {
            '-' => FileKind.File,
            'd' => FileKind.Directory,
            'l' => FileKind.Symlink,
            _ => FileKind.Other,
        };
        var rest = line.AsSpan(10).TrimStart(' ');
        var sizeEnd = rest.IndexOf(' ');
        if (sizeEnd <= 0 || !long.TryParse(rest[..sizeEnd], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        rest = rest[(sizeEnd + 1)..];
        if (rest.Length < 21 || rest[19] != ' '
            || !DateTime.TryParseExact(rest[..19], "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            return null;
        }

        var name = rest[20..].ToString();
        string? target = null;
        if (kind == FileKind.Symlink && name.IndexOf(" -> ", StringComparison.Ordinal) is var arrow and >= 0)
        {
            target = Unescape(name[(arrow + 4)..]);
            name = name[..arrow];
        }

        if (name == ".")
        {
            return null;
        }

        var mtime = (long)(wallClock - DateTime.UnixEpoch).TotalSeconds;
        return (Unescape(name), new TreeEntry(kind, kind == FileKind.File ? size : 0, mtime), target);
    }

    private static string Unescape(string name)
    {
        if (!name.Contains("\\#", StringComparison.Ordinal))
        {
            return name;
        }

        var bytes = new List<byte>(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\' && i + 1 < name.Length && name[i + 1] == '#' && IsOctal(name, i + 2))
            {
                bytes.Add((byte)Convert.ToInt32(name.Substring(i + 2, 3), 8));
                i += 4;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(name[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(string text, int start) =>
        start + 3 <= text.Length && text.AsSpan(start, 3).IndexOfAnyExceptInRange('0', '7') < 0;
}
