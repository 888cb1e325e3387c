namespace DumpDist.Web.Tests.Support;

/// <summary>
/// Tests that measure rates run alone: other test classes starting servers and writing
/// thousands of files in parallel would steal the CPU the measured transfer needs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
