using System.Text;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>Reads /proc/self/mounts (mount points have spaces etc. escaped as \040 octal).</summary>
public sealed class ProcMountTable(string mountsFile = "/proc/self/mounts") : IMountTable
{
    /// <inheritdoc />
    public bool IsMounted(string mountPoint)
    {
        var wanted = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        foreach (var line in File.ReadLines(mountsFile))
        {
            var fields = line.Split(' ');
            if (fields.Length > 1 && string.Equals(Unescape(fields[1]), wanted, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decodes the octal escapes the kernel writes for space, tab, newline and backslash.</summary>
    internal static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(string text, int start) =>
        start + 3 <= text.Length && text.AsSpan(start, 3).IndexOfAnyExcept("01234567") < 0;
}
