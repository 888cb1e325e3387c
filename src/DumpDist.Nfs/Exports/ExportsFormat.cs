namespace DumpDist.Nfs.Exports;

/// <summary>Which NFS server the exports are rendered for.</summary>
public enum ExportsFormat
{
    /// <summary>The Linux kernel server: an /etc/exports.d file applied with <c>exportfs -ra</c>.</summary>
    Kernel,

    /// <summary>nfs-ganesha: a complete ganesha.conf for a supervised <c>ganesha.nfsd -F</c>.</summary>
    Ganesha,
}
