using DumpDist.Core.Configuration;
using DumpDist.Nfs.Hosting;

namespace DumpDist.Node.Health;

/// <summary>An NFS service works when the host's NFS server has its exports live (ganesha up, or exportfs applied).</summary>
internal sealed class NfsServiceProbe(ServiceKind service, NfsServerStatus status) : IServiceProbe
{
    public ServiceKind Service => service;

    public ServiceCheck Check()
    {
        var health = status.Read();
        return new ServiceCheck(health.Healthy, $"{health.Server}: {health.ExportsDetail}");
    }
}
