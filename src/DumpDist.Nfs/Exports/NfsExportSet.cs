namespace DumpDist.Nfs.Exports;

/// <summary>
/// Everything one serving host exports over NFS: the public dumps directory (one read-only
/// pseudo root), the NFS port, and the clients of the <c>nfs-vps</c> and <c>nfs-analytics</c>
/// services. The cluster config maps into this; the renderers only read it.
/// </summary>
public sealed record NfsExportSet(string HostName, string ExportPath, int Port, IReadOnlyList<NfsClientRule> Clients);
