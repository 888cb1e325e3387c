using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Ganesha;

namespace DumpDist.Nfs.Hosting;

/// <summary>How a serving node runs its NFS server (host-local; the exports come from the cluster file).</summary>
public sealed class NfsServerOptions
{
    /// <summary>kernel (exports.d + exportfs) or ganesha (supervised ganesha.nfsd).</summary>
    public ExportsFormat Server { get; set; } = ExportsFormat.Ganesha;

    /// <summary>ganesha's listen address and recovery directory.</summary>
    public GaneshaRenderOptions GaneshaRender { get; set; } = new();

    /// <summary>How ganesha is run (paths, backoff); ConfigText is filled from the cluster file.</summary>
    public GaneshaOptions Ganesha { get; set; } = new();

    /// <summary>Where the kernel exports file goes and which exportfs applies it.</summary>
    public KernelExportsOptions Kernel { get; set; } = new();

    /// <summary>How often every host's NFS server is probed for the metrics and the status page.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Probe timeout.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
