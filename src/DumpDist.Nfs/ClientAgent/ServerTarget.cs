using DumpDist.Nfs.Probe;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>One serving host as a client sees it: where its NFS server answers and where it is mounted.</summary>
public sealed record ServerTarget(string Name, NfsEndpoint Endpoint, string MountPoint);
