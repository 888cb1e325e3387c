using DumpDist.Core.Processes;

namespace DumpDist.Cli.Demo;

/// <summary>
/// The programs the demo's services need, found as the children will find them (on PATH), with
/// the Debian packages that provide them. The demo installs nothing; scripts/demo.sh does.
/// </summary>
/// <param name="Rsync">rsync's path, or null: no generation source and no sync, so no demo.</param>
/// <param name="Ganesha">ganesha.nfsd's path, or null: the hosts run without NFS.</param>
/// <param name="GaneshaMissing">Why NFS does not run (naming the Debian packages), or null when it does.</param>
internal sealed record DemoPrograms(string? Rsync, string? Ganesha, string? GaneshaMissing)
{
    public const string RsyncPackage = "rsync";
    public const string GaneshaPackages = "nfs-ganesha nfs-ganesha-vfs";

    /// <summary>Where ganesha's VFS backend (package nfs-ganesha-vfs) is installed; without it no export can be served.</summary>
    private static readonly string[] GaneshaVfsPaths =
    [
        "/usr/lib/x86_64-linux-gnu/ganesha/libfsalvfs.so",
        "/usr/lib/aarch64-linux-gnu/ganesha/libfsalvfs.so",
        "/usr/lib/ganesha/libfsalvfs.so",
        "/usr/lib64/ganesha/libfsalvfs.so",
    ];

    public bool Nfs => Ganesha is not null;

    public static DemoPrograms Find(string? searchPath)
    {
        var rsync = ProgramPath.Resolve("rsync", searchPath, null).Path;
        var ganesha = ProgramPath.Resolve("ganesha.nfsd", searchPath, null).Path;
        string? missing = null;
        if (ganesha is null)
        {
            missing = $"ganesha.nfsd is not installed (Debian packages {GaneshaPackages})";
        }
        else if (!GaneshaVfsPaths.Any(File.Exists))
        {
            missing = "ganesha's VFS backend libfsalvfs.so is not installed (Debian package nfs-ganesha-vfs)";
            ganesha = null;
        }
        else if (Environment.UserName != "root")
        {
            // ganesha needs root to serve a tree it does not own and to set up its sockets.
            missing = "ganesha.nfsd needs root; run the demo as root to see NFS";
            ganesha = null;
        }

        return new DemoPrograms(rsync, ganesha, missing);
    }
}
