namespace DumpDist.Core.Tree;

/// <summary>Maps dumpstatus.json status strings to <see cref="JobState"/> and back.</summary>
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

    /// <summary>The dumpstatus.json spelling of a state.</summary>
    public static string ToStatusString(this JobState state) => state switch
    {
        JobState.Waiting => "waiting",
        JobState.InProgress => "in-progress",
        JobState.Done => "done",
        JobState.Failed => "failed",
        JobState.Skipped => "skipped",
        _ => "unknown",
    };
}
