namespace DumpDist.Mirrors.Rsyncd;

/// <summary>The daemon's state for health, metrics and the status page.</summary>
/// <param name="Running">The process is alive.</param>
/// <param name="Listening">It accepted a TCP connection on its address and port since it started.</param>
/// <param name="ProcessId">Its pid (and process group) while running.</param>
/// <param name="Restarts">Restarts after it died or failed to start.</param>
/// <param name="Endpoint">"address:port" it serves on.</param>
/// <param name="LastError">Why the last start failed, if it did.</param>
public sealed record RsyncdStatus(bool Running, bool Listening, int? ProcessId, int Restarts, string Endpoint, string? LastError)
{
    /// <summary>Working: alive and accepting connections.</summary>
    public bool Healthy => Running && Listening;
}
