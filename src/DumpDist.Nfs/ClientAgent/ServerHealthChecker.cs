using DumpDist.Nfs.Probe;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>A server is healthy when its NFS server answers the NULL probe and the canary path in its mount stats in time.</summary>
public sealed class ServerHealthChecker(NfsProbe probe, CanaryStat canary)
{
    /// <summary>
    /// Checks <paramref name="server"/>; never throws for server failures. <paramref name="beforeCanary"/>
    /// runs only once the server answers (the agent mounts there: mounting a dead server with
    /// <c>bg</c> would leave a background mount attempt behind on every round).
    /// </summary>
    public async Task<ServerHealth> CheckAsync(
        ServerTarget server,
        ClientAgentOptions options,
        CancellationToken cancellationToken,
        Func<ServerTarget, CancellationToken, Task>? beforeCanary = null)
    {
        var probed = await probe.ProbeAsync(server.Endpoint, options.ProbeTimeout, cancellationToken);
        if (!probed.IsUp)
        {
            return new ServerHealth(server.Name, false, $"probe {server.Endpoint} down: {probed.Detail}", null);
        }

        if (beforeCanary is not null)
        {
            await beforeCanary(server, cancellationToken);
        }

        var canaryPath = string.IsNullOrEmpty(options.CanaryPath) ? server.MountPoint : Path.Combine(server.MountPoint, options.CanaryPath);
        var problem = await canary.CheckAsync(canaryPath, options.StatTimeout, cancellationToken);
        return problem is null
            ? new ServerHealth(server.Name, true, $"probe up in {probed.Latency.TotalMilliseconds:0.###} ms, canary ok", probed.Latency)
            : new ServerHealth(server.Name, false, problem, probed.Latency);
    }
}
