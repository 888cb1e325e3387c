using DumpDist.Core.Tree;

namespace DumpDist.Web.Api;

/// <summary>The API's spelling of run states.</summary>
internal static class RunStateNames
{
    public static string Of(RunState state) => state switch
    {
        RunState.Good => "good",
        RunState.InProgress => "in-progress",
        RunState.Failed => "failed",
        _ => "unknown",
    };
}
