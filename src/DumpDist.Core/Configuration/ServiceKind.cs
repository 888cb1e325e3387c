namespace DumpDist.Core.Configuration;

/// <summary>The four client-facing services; see <see cref="ServiceKinds"/> for their config names.</summary>
public enum ServiceKind
{
    /// <summary><c>web</c>: HTTP(S) downloads.</summary>
    Web,

    /// <summary><c>rsync</c>: the rsync daemon for mirrors.</summary>
    Rsync,

    /// <summary><c>nfs-vps</c>: NFS for the cloud (VPS) networks.</summary>
    NfsVps,

    /// <summary><c>nfs-analytics</c>: NFS for the analytics hosts.</summary>
    NfsAnalytics,
}
