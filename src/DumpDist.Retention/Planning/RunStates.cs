using DumpDist.Core.Tree;

namespace DumpDist.Retention.Planning;

/// <summary>The names reports use for run states (as the dump API spells them).</summary>
internal static class RunStates
{
    public static string Name(RunState state) => state switch
    {
        RunState.Good => "good",
        RunState.Failed => "failed",
        RunState.InProgress => "in-progress",
        _ => "unknown",
    };
}
