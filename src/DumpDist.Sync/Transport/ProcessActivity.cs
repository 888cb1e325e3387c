using System.Globalization;

namespace DumpDist.Sync.Transport;

/// <summary>
/// How much a process and its descendants have done so far, from /proc: bytes read and written
/// through any file descriptor (sockets included) plus CPU ticks. While rsync moves data or works
/// through a tree this grows; a transfer stuck on a silent peer leaves it flat.
/// </summary>
public static class ProcessActivity
{
    /// <summary>The activity counter of <paramref name="pid"/>'s tree; 0 when /proc cannot tell.</summary>
    public static long Read(int pid)
    {
        long total = 0;
        var pending = new Stack<int>();
        pending.Push(pid);
        var seen = new HashSet<int>();
        while (pending.Count > 0 && seen.Count < 64)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            total += IoBytes(current) + CpuTicks(current);
            foreach (var child in Children(current))
            {
                pending.Push(child);
            }
        }

        return total;
    }

    private static long IoBytes(int pid)
    {
        long bytes = 0;
        foreach (var line in ReadLines($"/proc/{pid}/io"))
        {
            if (line.StartsWith("rchar:", StringComparison.Ordinal) || line.StartsWith("wchar:", StringComparison.Ordinal))
            {
                bytes += long.TryParse(line.AsSpan(6).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
            }
        }

        return bytes;
    }

    private static long CpuTicks(int pid)
    {
        var stat = ReadLines($"/proc/{pid}/stat").FirstOrDefault();

        // "pid (comm) state ppid ...": fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
        var close = stat?.LastIndexOf(')') ?? -1;
        if (close < 0)
        {
            return 0;
        }

        var fields = stat![(close + 2)..].Split(' ');
        return fields.Length > 12
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? user + system
            : 0;
    }

    private static IEnumerable<int> Children(int pid)
    {
        foreach (var line in ReadLines($"/proc/{pid}/task/{pid}/children"))
        {
            foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                {
                    yield return child;
                }
            }
        }
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process has just exited, or /proc does not say: no activity to count.
            return [];
        }
    }
}
