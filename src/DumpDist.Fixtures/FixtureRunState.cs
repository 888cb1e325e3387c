namespace DumpDist.Fixtures;

/// <summary>What the generator meant a run to be.</summary>
public enum FixtureRunState
{
    /// <summary>Every job done or skipped: a good run.</summary>
    Done,

    /// <summary>Some jobs done, one in progress (with an <c>.inprog</c> file), the rest waiting.</summary>
    InProgress,

    /// <summary>One job failed; its files are absent or an <c>.inprog</c> partial.</summary>
    Failed,
}
