using DumpDist.Nfs.ClientAgent;
using DumpDist.Core.Processes;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>
/// Stands in for kernel NFS mounts, which cannot run here: the "mount point" of each server is a
/// local directory holding a copy of that server's tree; "mounting" records the call and marks it
/// mounted. Server health still comes from the real probe against the real ganesha.
/// </summary>
internal sealed class FakeMounts : IMountTable, IMounter
{
    private readonly HashSet<string> _mounted = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    public bool IsMounted(string mountPoint)
    {
        lock (_mounted)
        {
            return _mounted.Contains(mountPoint);
        }
    }

    public Task<ChildProcessResult> MountAsync(ServerTarget server, CancellationToken cancellationToken)
    {
        lock (_mounted)
        {
            Calls.Add(string.Join(' ', NfsMounter.Arguments(server)));
            _mounted.Add(server.MountPoint);
        }

        return Task.FromResult(new ChildProcessResult(ChildProcessOutcome.Exited, 0, string.Empty, string.Empty, TimeSpan.Zero));
    }
}
