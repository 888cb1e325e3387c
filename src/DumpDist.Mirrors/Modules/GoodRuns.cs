using DumpDist.Core.Tree;

namespace DumpDist.Mirrors.Modules;

/// <summary>The good runs of every wiki, newest last, as "wiki/date" paths relative to <c>public/</c>.</summary>
internal static class GoodRuns
{
    /// <summary>
    /// The good runs of each wiki in <paramref name="tree"/>, oldest first. In-progress, failed and
    /// unreadable runs are never named, nor wikis whose directory is a dot (staging) directory.
    /// </summary>
    public static IReadOnlyList<(string Wiki, IReadOnlyList<string> Dates)> Of(DumpTreeSnapshot tree) =>
        tree.Wikis
            .Where(w => !w.Name.StartsWith('.'))
            .Select(w => (w.Name, (IReadOnlyList<string>)w.Runs.Where(r => r.IsGood).Select(r => r.Date).ToList()))
            .Where(w => w.Item2.Count > 0)
            .OrderBy(w => w.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The last <paramref name="runs"/> good runs of each wiki as "wiki/date", sorted.</summary>
    public static IReadOnlyList<string> Last(IReadOnlyList<(string Wiki, IReadOnlyList<string> Dates)> good, int runs) =>
        good.SelectMany(w => w.Dates.Skip(Math.Max(0, w.Dates.Count - runs)).Select(d => w.Wiki + "/" + d)).ToList();
}
