using DumpDist.Core.Configuration;
using DumpDist.Sync.Publishing;

namespace DumpDist.Sync.Scheduling;

/// <summary>Builds each dataset's schedule for one host from the cluster file.</summary>
public static class SyncSchedules
{
    /// <summary>Pairs <paramref name="passes"/> with their dataset's schedule, offset by the host's index in <c>hosts</c>.</summary>
    public static IReadOnlyList<ScheduledDataset> For(ClusterConfig config, string host, IEnumerable<SyncPassOptions> passes)
    {
        var hostIndex = Math.Max(0, config.HostIndex(host));
        return passes.Select(p =>
        {
            var schedule = (config.FindDataset(p.Dataset)?.Source ?? config.Source).Schedule;
            var offset = schedule.OffsetFor(hostIndex);

            // The loader validated the cron expression; an interval is the fallback.
            var built = schedule.Cron is { } cron
                ? SyncSchedule.TryCron(cron, offset, out _) ?? SyncSchedule.Every(TimeSpan.FromMinutes(10), offset)
                : SyncSchedule.Every(schedule.Interval ?? TimeSpan.FromMinutes(10), offset);
            return new ScheduledDataset(p, built);
        }).ToList();
    }
}
