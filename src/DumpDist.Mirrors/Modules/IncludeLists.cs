using System.Text;
using DumpDist.Core.Tree;

namespace DumpDist.Mirrors.Modules;

/// <summary>
/// The text of the daemon filter files and the published dirlists. A daemon filter decides what a
/// module serves at all: a client cannot list or fetch what it excludes.
/// </summary>
internal static class IncludeLists
{
    /// <summary>
    /// Rules every module starts with: no dot files or directories (staging, temp files of
    /// atomic writes), no file still being written, nothing under an excluded directory.
    /// </summary>
    public static string CommonRules()
    {
        var text = new StringBuilder();
        text.Append("- .*\n");
        // The public mirrors page is this host's view, not data to copy.
        text.Append("- /").Append(Freshness.MirrorsPage.HtmlFileName).Append('\n');
        text.Append("- /").Append(Freshness.MirrorsPage.JsonFileName).Append('\n');
        foreach (var pattern in PublishRules.RsyncNeverPublishedPatterns)
        {
            text.Append("- ").Append(pattern).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The rules of a "last N good runs" module rooted at <c>public/</c>: the common rules, then
    /// each run directory (<paramref name="runPaths"/>, "wiki/date") and its wiki directory, then
    /// nothing else. The first matching rule wins, so the exclusions come first.
    /// </summary>
    public static string LastGoodRules(IReadOnlyList<string> runPaths)
    {
        var text = new StringBuilder(CommonRules());
        string? wiki = null;
        foreach (var path in runPaths)
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var name = path[..slash];
            if (name != wiki)
            {
                text.Append("+ /").Append(name).Append("/\n");
                wiki = name;
            }

            text.Append("+ /").Append(path).Append("/***\n");
        }

        // The trace lets the freshness check compare a mirror's copy with ours.
        text.Append("+ /").Append(Freshness.MirrorTrace.FileName).Append('\n');
        text.Append("- *\n");
        return text.ToString();
    }

    /// <summary>The published list: one "wiki/date" per line, as production's rsync-dirlist files.</summary>
    public static string Dirlist(IReadOnlyList<string> runPaths)
    {
        var text = new StringBuilder();
        foreach (var path in runPaths)
        {
            text.Append(path).Append('\n');
        }

        return text.ToString();
    }
}
