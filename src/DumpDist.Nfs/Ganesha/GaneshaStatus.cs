namespace DumpDist.Nfs.Ganesha;

/// <summary>A snapshot of the supervised ganesha: for /metrics, health and logs.</summary>
/// <param name="Running">The process is alive.</param>
/// <param name="ProcessId">Its pid while running.</param>
/// <param name="Restarts">Restarts after a crash since the supervisor started.</param>
/// <param name="LastExitCode">How the previous process ended.</param>
/// <param name="StartedAt">When the current process started.</param>
/// <param name="ExportsLive">True once ganesha initialized without config errors; false when it logged some; null while starting.</param>
/// <param name="ConfigErrors">The config errors ganesha logged at its last start.</param>
public sealed record GaneshaStatus(bool Running, int? ProcessId, int Restarts, int? LastExitCode, DateTimeOffset? StartedAt, bool? ExportsLive = null, IReadOnlyList<string>? ConfigErrors = null);
