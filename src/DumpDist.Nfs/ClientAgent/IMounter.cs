using DumpDist.Core.Processes;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>Mounts a server's export (the real one runs mount -t nfs4; kernel mounts cannot run in tests).</summary>
public interface IMounter
{
    /// <summary>Mounts <paramref name="server"/> at its mount point.</summary>
    Task<ChildProcessResult> MountAsync(ServerTarget server, CancellationToken cancellationToken);
}
