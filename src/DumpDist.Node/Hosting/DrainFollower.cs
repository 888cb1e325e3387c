using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration.Source;
using DumpDist.Web.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Hosting;

/// <summary>
/// Makes the web follow the assignments: while this host is draining, new downloads get 503
/// (the balancer already sends clients elsewhere) and those in flight are cut at the drain deadline
/// (clients resume on the other host with Range); undrained, it serves again.
/// </summary>
internal sealed partial class DrainFollower(IAssignmentStore store, WebHostedService web, IClusterConfigSource config, string hostName, ILogger<DrainFollower> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Changed += Apply;
        Apply(store.Current);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Changed -= Apply;
        return Task.CompletedTask;
    }

    private void Apply(AssignmentSet set)
    {
        var drain = web.Parts.Drain;
        if (set.IsDraining(hostName) && !drain.IsDraining)
        {
            var deadline = NodeDefaults.DrainDeadline(config.Current);
            drain.Start(deadline);
            LogDraining(logger, deadline.TotalSeconds);
        }
        else if (!set.IsDraining(hostName) && drain.IsDraining)
        {
            drain.Stop();
            LogUndrained(logger);
        }
    }

    [LoggerMessage(5301, LogLevel.Warning, "This host is draining: new downloads are refused, those in flight get {Seconds} s")]
    private static partial void LogDraining(ILogger logger, double seconds);

    [LoggerMessage(5302, LogLevel.Information, "This host is no longer draining")]
    private static partial void LogUndrained(ILogger logger);
}
