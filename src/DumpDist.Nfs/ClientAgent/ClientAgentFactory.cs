using DumpDist.Core.Cluster;
using DumpDist.Core.Processes;
using DumpDist.Nfs.Metrics;
using DumpDist.Nfs.Probe;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>Builds the production client agent: /proc/self/mounts, mount -t nfs4, the real probe and admin API client (TLS as the cluster file's <c>admin</c> section says).</summary>
public static class ClientAgentFactory
{
    /// <summary>A client agent for <paramref name="options"/>.</summary>
    public static ClientAgent Create(ClientAgentOptions options, TimeProvider timeProvider, NfsMetrics metrics, ILoggerFactory loggers)
    {
        var mounts = new ProcMountTable();
        return new ClientAgent(
            options,
            new ServerHealthChecker(new NfsProbe(timeProvider), new CanaryStat()),
            new AssignmentClient(new HttpClient(AdminTransport.CreateHandler(options.AdminCertificateAuthority, options.AdminTimeout)) { Timeout = Timeout.InfiniteTimeSpan }),
            mounts,
            new NfsMounter(new ChildProcessRunner()),
            timeProvider,
            metrics,
            loggers.CreateLogger<ClientAgent>());
    }
}
