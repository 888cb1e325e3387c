namespace DumpDist.Core.Tree;

/// <summary>Maps dumpstatus.json status strings to <see cref="JobState"/>.</summary>
public static class JobStates
{
    /// <summary>Parses a status string; unknown strings give <see cref="JobState.Unknown"/>.</summary>
    public static JobState Parse(string? value) => value switch
    {
        "waiting" => JobState.Waiting,
        "in-progress" => JobState.InProgress,
        "done" => JobState.Done,
        "failed" => JobState.Failed,
        "skipped" => JobState.Skipped,
        _ => JobState.Unknown,
    };
}
