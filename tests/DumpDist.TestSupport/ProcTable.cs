using System.Globalization;

namespace DumpDist.TestSupport;

/// <summary>Reads /proc directly, independent of the code under test, to see which processes exist.</summary>
public static class ProcTable
{
    public sealed record Entry(int Pid, string Command, char State, int ParentPid, int Group, int Session);

    public static Entry? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return new Entry(
            pid,
            stat[(open + 1)..close],
            fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture));
    }

    /// <summary>Exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => Read(pid) is { State: not 'Z' };

    public static IReadOnlyList<Entry> GroupMembers(int group) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(n => n!.Length > 0 && n.All(char.IsAsciiDigit))
            .Select(n => Read(int.Parse(n!, CultureInfo.InvariantCulture)))
            .Where(e => e is { State: not 'Z' } && e.Group == group)
            .Select(e => e!)
            .ToList();
}
