namespace DumpDist.Core.Processes;

/// <summary>A snapshot of a supervised child: for /metrics, health and logs.</summary>
/// <param name="Running">The child is alive.</param>
/// <param name="ProcessId">Its pid (and process group) while running.</param>
/// <param name="Restarts">Restarts after an exit or failed start since the supervisor started (requested restarts not counted).</param>
/// <param name="LastExitCode">How the previous child ended (128 + signal when a signal ended it).</param>
/// <param name="StartedAt">When the current child started.</param>
/// <param name="LastError">Why the last start failed; null once a child has started.</param>
public sealed record ProcessSupervisorStatus(
    bool Running,
    int? ProcessId,
    int Restarts,
    int? LastExitCode,
    DateTimeOffset? StartedAt,
    string? LastError = null);
