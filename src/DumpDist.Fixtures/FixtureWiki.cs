namespace DumpDist.Fixtures;

/// <summary>A wiki directory <c>public/WIKI/</c>.</summary>
/// <param name="Name">The wiki database name, e.g. <c>enwiki</c>.</param>
/// <param name="Class">Its size class.</param>
/// <param name="Runs">Runs ordered by date, oldest first.</param>
/// <param name="Latest">Entries of <c>latest/</c> (empty when no run is good).</param>
public sealed record FixtureWiki(string Name, WikiClass Class, IReadOnlyList<FixtureRun> Runs, IReadOnlyList<FixtureLatestLink> Latest)
{
    /// <summary>Date of the newest run that is done, which <c>latest/</c> points into.</summary>
    public string? LatestGoodDate => Runs.LastOrDefault(r => r.State == FixtureRunState.Done)?.Date;
}
