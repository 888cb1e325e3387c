using DumpDist.Core.Tree;
using DumpDist.Retention.Planning;

namespace DumpDist.Retention.Capacity;

/// <summary>What capacity keeps of a wiki from the tree model: its runs' dates and whether each is good (not the statuses themselves).</summary>
internal sealed record WikiHistory(string Name, string DirectoryPath, IReadOnlyList<WikiHistory.Run> Runs)
{
    /// <summary>Reads the wiki's runs through the tree model; a wiki the model will not read keeps its runs, none good.</summary>
    public static WikiHistory Read(string root, TreeLayout.Wiki wiki) =>
        DumpTree.ScanWiki(root, wiki.Name) is { } scanned
            ? new WikiHistory(wiki.Name, wiki.DirectoryPath, scanned.Runs.Select(r => new Run(r.Date, r.DirectoryPath, r.IsGood)).ToList())
            : new WikiHistory(wiki.Name, wiki.DirectoryPath, wiki.RunDates.Select(d => new Run(d, Path.Combine(wiki.DirectoryPath, d), false)).ToList());

    /// <summary>One run: its date, directory and whether every job is done or skipped.</summary>
    internal sealed record Run(string Date, string DirectoryPath, bool IsGood);
}
