using System.Globalization;

namespace DumpDist.ClusterBench;

/// <summary>Resident memory of processes, from /proc.</summary>
internal static class Footprint
{
    /// <summary>VmRSS of <paramref name="pid"/> in MiB (0 when it is gone).</summary>
    public static double RssMiB(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The children of <paramref name="pid"/> whose command is <paramref name="comm"/>.</summary>
    public static IReadOnlyList<int> Children(int pid, string comm)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var parent = int.Parse(stat[(close + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == pid && name == comm)
                {
                    found.Add(child);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }

        return found;
    }
}
