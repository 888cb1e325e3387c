using DumpDist.Core.Configuration;
using DumpDist.Core.Tree;

namespace DumpDist.Node.Provisioning;

/// <summary>
/// The directories of one host, from the cluster file: the tree (<c>root</c> and its <c>public/</c>,
/// read by the web, rsync and NFS services, so world-readable), the state (<c>state_dir</c>: SQLite,
/// locks, ganesha and rsyncd files; not for others) and the log directory (access log).
/// </summary>
internal static class HostDirectories
{
    /// <summary>Where logs go when <c>--log-dir</c> is not given (the package's LogsDirectory).</summary>
    public const string DefaultLogDirectory = "/var/log/dumpdist";

    private const UnixFileMode Served = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public static IReadOnlyList<HostDirectory> For(HostConfig host, string logDirectory) =>
    [
        new(Path.GetFullPath(host.Root), Served, "tree root"),
        new(Path.Combine(Path.GetFullPath(host.Root), DumpTree.PublicDirectoryName), Served, "served tree"),
        new(Path.GetFullPath(host.StateDir), Private, "state"),
        new(Path.GetFullPath(logDirectory), Private, "logs"),
    ];
}
