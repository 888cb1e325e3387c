using DumpDist.Sync.Publishing;

namespace DumpDist.Sync.Scheduling;

/// <summary>A dataset pass and when it runs.</summary>
public sealed record ScheduledDataset(SyncPassOptions Options, SyncSchedule Schedule);
