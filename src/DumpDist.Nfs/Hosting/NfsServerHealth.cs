using DumpDist.Nfs.Probe;

namespace DumpDist.Nfs.Hosting;

/// <summary>A node's NFS health for its status page and health endpoint.</summary>
/// <param name="Server">"ganesha" or "kernel".</param>
/// <param name="ExportsApplied">True when the exports are live; null while not yet known (ganesha starting).</param>
/// <param name="ExportsDetail">Why not, or how they were applied.</param>
/// <param name="GaneshaRunning">For ganesha: the process is alive; null for the kernel server.</param>
/// <param name="GaneshaRestarts">For ganesha: restarts after a crash.</param>
/// <param name="Probes">The last probe of every host's NFS server, by host name.</param>
public sealed record NfsServerHealth(
    string Server,
    bool? ExportsApplied,
    string ExportsDetail,
    bool? GaneshaRunning,
    int GaneshaRestarts,
    IReadOnlyDictionary<string, ProbeResult> Probes)
{
    /// <summary>Healthy when the exports are live and (for ganesha) the server runs.</summary>
    public bool Healthy => ExportsApplied == true && GaneshaRunning != false;
}
