namespace DumpDist.TestSupport.SyncFailures;

/// <summary>Scenario names as xunit [MemberData] rows.</summary>
public sealed class TheoryScenarios : List<object[]>
{
    public void Add(string scenario) => Add([scenario]);
}
