namespace DumpDist.Core.Tests.Configuration;

/// <summary>A small valid cluster file with known line numbers, and a way to swap one line for a bad one.</summary>
internal static class ConfigSamples
{
    /// <summary>Line 21 is a free line at the end for extra sections.</summary>
    public static readonly string[] MinimalLines =
    [
        "source:",                                  // 1
        "  url: rsync://gen.example.org/dumps/",    // 2
        "  bwlimit: 80000",                         // 3
        "datasets:",                                // 4
        "  - name: xmldatadumps",                   // 5
        "    path: public",                         // 6
        "hosts:",                                   // 7
        "  - name: dumps1",                         // 8
        "    public_address: 203.0.113.10",         // 9
        "    admin_address: 127.0.0.1:9100",        // 10
        "    root: /srv/dumps",                     // 11
        "  - name: dumps2",                         // 12
        "    public_address: 203.0.113.20",         // 13
        "    admin_address: 127.0.0.2:9100",        // 14
        "    root: /srv/dumps",                     // 15
        "services:",                                // 16
        "  web: { active: dumps2 }",                // 17
        "  rsync: { active: dumps2 }",              // 18
        "  nfs-vps: { active: dumps1 }",            // 19
        "  nfs-analytics: { active: dumps1 }",      // 20
        "# extra sections go here",                 // 21
    ];

    public static string Minimal => string.Join('\n', MinimalLines) + "\n";

    /// <summary>The minimal file with 1-based line <paramref name="line"/> replaced by <paramref name="text"/> (which may hold several lines).</summary>
    public static string WithLine(int line, string text) => WithLines((line, text));

    /// <summary>The minimal file with each 1-based line replaced (lines are numbered as in <see cref="MinimalLines"/>).</summary>
    public static string WithLines(params (int Line, string Text)[] edits)
    {
        var lines = MinimalLines.ToArray();
        foreach (var (line, text) in edits)
        {
            lines[line - 1] = text;
        }

        return string.Join('\n', lines) + "\n";
    }
}
