namespace DumpDist.Fixtures.Planning;

/// <summary>A wiki to write, runs oldest first.</summary>
internal sealed record WikiPlan(string Name, WikiClass Class, IReadOnlyList<RunPlan> Runs)
{
    public RunPlan? LatestGood => Runs.LastOrDefault(r => r.State == FixtureRunState.Done);
}
