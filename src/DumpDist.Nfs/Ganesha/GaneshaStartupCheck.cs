using System.Text;

namespace DumpDist.Nfs.Ganesha;

/// <summary>
/// ganesha starts even when its config has errors (it then serves no export), so the process
/// being up does not mean the exports are live. This reads what ganesha logged since it was
/// started, until "NFS SERVER INITIALIZED", and collects its CONFIG errors.
/// </summary>
internal static class GaneshaStartupCheck
{
    private const string Initialized = "NFS SERVER INITIALIZED";

    /// <summary>Null while ganesha is still starting; otherwise the config errors it logged (empty when the exports are live).</summary>
    public static IReadOnlyList<string>? Read(string logPath, long offset)
    {
        string segment;
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= offset)
            {
                return null;
            }

            stream.Seek(offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            segment = reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var lines = segment.Split('\n');
        var end = Array.FindIndex(lines, l => l.Contains(Initialized, StringComparison.Ordinal));
        if (end < 0)
        {
            return null;
        }

        return lines.Take(end)
            .Where(l => l.Contains(":CONFIG :CRIT", StringComparison.Ordinal) || l.Contains("No export entries found", StringComparison.Ordinal))
            .Select(Message)
            .ToList();
    }

    /// <summary>The text after ganesha's "date : epoch : host : program[thread] function :COMPONENT :LEVEL :" prefix.</summary>
    private static string Message(string line)
    {
        var level = line.IndexOf(":CRIT :", StringComparison.Ordinal);
        var start = level >= 0 ? level + ":CRIT :".Length : line.LastIndexOf(" :", StringComparison.Ordinal) + 2;
        return line[Math.Max(0, start)..].Trim();
    }
}
