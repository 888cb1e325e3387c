using System.Globalization;

namespace DumpDist.Core.Processes;

/// <summary>Whether a process group still has a living member (one that is not a zombie waiting to be reaped).</summary>
internal static class ProcessGroup
{
    /// <summary>True while some member of <paramref name="processGroupId"/> runs.</summary>
    public static bool IsAlive(int processGroupId)
    {
        // One syscall in the usual case: the group is empty.
        if (!PosixSignals.GroupExists(processGroupId))
        {
            return false;
        }

        // Zombies still count for kill(2); an orphan's zombie may wait a while for init to reap it.
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory.AsSpan());
            if (name.Length > 0 && char.IsAsciiDigit(name[0])
                && ReadStat(directory) is { } stat && stat.Group == processGroupId && stat.State != 'Z')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The state letter and process group of a /proc/[pid] entry; null when it has gone.</summary>
    internal static (char State, int Group)? ReadStat(string procDirectory)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp ...": the command may hold spaces and parentheses.
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ', 4);
        return fields.Length >= 3 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group)
            ? (fields[0][0], group)
            : null;
    }
}
