namespace DumpDist.Core.Tree;

/// <summary>One wiki's directory: its runs ordered by date and its <c>latest/</c> entries.</summary>
public sealed record WikiDumps(string Name, string DirectoryPath, IReadOnlyList<DumpRun> Runs, IReadOnlyList<LatestEntry> Latest)
{
    /// <summary>The newest run whose state is <see cref="RunState.Good"/>, if any.</summary>
    public DumpRun? LatestGoodRun => Runs.LastOrDefault(r => r.IsGood);

    /// <summary>The newest run of any state.</summary>
    public DumpRun? NewestRun => Runs.Count > 0 ? Runs[^1] : null;

    /// <summary>The run with the given date.</summary>
    public DumpRun? FindRun(string date) => Runs.FirstOrDefault(r => r.Date == date);
}
