namespace DumpDist.Nfs.Ganesha;

/// <summary>A snapshot of the supervised ganesha: for /metrics, health and logs.</summary>
public sealed record GaneshaStatus(bool Running, int? ProcessId, int Restarts, int? LastExitCode, DateTimeOffset? StartedAt);
