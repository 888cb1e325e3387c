using DumpDist.Nfs.Exports;

namespace DumpDist.Node.Hosting;

/// <summary>Which NFS server a node runs when <c>--nfs-server</c> does not say: the kernel's where it is usable (nfsd loaded and exportfs installed), else ganesha.</summary>
internal static class NfsServerChoice
{
    public static ExportsFormat Detect() =>
        File.Exists("/proc/fs/nfsd/exports") && OnPath("exportfs") ? ExportsFormat.Kernel : ExportsFormat.Ganesha;

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Append("/usr/sbin").Append("/sbin")
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
