using DumpDist.Core.Configuration;

namespace DumpDist.Node.Hosting;

/// <summary>Node settings derived from the cluster file, in one place.</summary>
internal static class NodeDefaults
{
    /// <summary>After a drain, downloads still running are cut off this long after it started.</summary>
    public static TimeSpan DrainDeadline(ClusterConfig config) => config.Services.Web?.DrainDeadline ?? TimeSpan.FromMinutes(10);

    /// <summary>How often the node pulls the newest assignments.</summary>
    public static TimeSpan AssignmentRefresh(ClusterConfig config) => config.Assignments.Refresh;

    /// <summary>How often peers' states are read (freshness rule, status page).</summary>
    public static TimeSpan PeerPoll => TimeSpan.FromSeconds(5);
}
