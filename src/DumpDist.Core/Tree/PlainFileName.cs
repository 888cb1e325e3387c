using System.Globalization;
using System.Text;

namespace DumpDist.Core.Tree;

/// <summary>
/// A name a checksum file or dumpstatus.json gives for one of its run's files comes from the
/// source: before it is joined to a directory it must be one plain entry of that directory.
/// A separator, <c>.</c> or <c>..</c>, an empty name, or a control character would reach
/// somewhere else (<c>../../../etc/shadow</c>, <c>/dev/zero</c>), so such a name is refused.
/// </summary>
public static class PlainFileName
{
    private const int MaxBytes = 255;

    /// <summary>Why <paramref name="name"/> is not a plain file name, or null when it is one.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "an empty name";
        }

        if (name is "." or "..")
        {
            return "a directory, not a file name";
        }

        foreach (var c in name)
        {
            if (c == '/' || c == '\\')
            {
                return name[0] == '/' ? "an absolute path" : "contains a path separator";
            }

            if (char.IsControl(c))
            {
                return c == '\0' ? "contains a NUL character" : "contains a control character";
            }
        }

        return Encoding.UTF8.GetByteCount(name) > MaxBytes ? $"longer than {MaxBytes} bytes" : null;
    }

    /// <summary>True when <paramref name="name"/> is one plain entry of a directory.</summary>
    public static bool IsPlain(string name) => Problem(name) is null;

    /// <summary>The name quoted for a message, control characters escaped (a log line stays one line).</summary>
    public static string Quote(string name)
    {
        var text = new StringBuilder(name.Length + 2).Append('"');
        foreach (var c in name.Length > 300 ? name[..300] + "..." : name)
        {
            if (char.IsControl(c) || c is '"' or '\\')
            {
                text.Append(c is '"' or '\\' ? $"\\{c}" : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>The message for a refused name: where it came from, what it is and why.</summary>
    public static string Refusal(string where, string name, string problem) =>
        $"{where}: {Quote(name)} is not a plain file name of this run ({problem}); not opened";
}
