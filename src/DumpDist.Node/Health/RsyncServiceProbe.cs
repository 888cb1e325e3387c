using DumpDist.Core.Configuration;
using DumpDist.Mirrors.Rsyncd;

namespace DumpDist.Node.Health;

/// <summary>The rsync service works when the supervised daemon is alive and accepted a connection on its port.</summary>
internal sealed class RsyncServiceProbe(RsyncdSupervisor rsyncd) : IServiceProbe
{
    public ServiceKind Service => ServiceKind.Rsync;

    public ServiceCheck Check()
    {
        var status = rsyncd.Status;
        return status.Healthy
            ? new ServiceCheck(true, "rsync daemon listening on " + status.Endpoint)
            : new ServiceCheck(false, status.Running ? "rsync daemon is starting on " + status.Endpoint : "rsync daemon is not running" + (status.LastError is { } e ? ": " + e : string.Empty));
    }
}
