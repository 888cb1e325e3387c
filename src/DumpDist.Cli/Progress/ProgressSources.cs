using DumpDist.Fixtures;
using DumpDist.Retention.Execution;
using DumpDist.Sync.Publishing;

namespace DumpDist.Cli.Progress;

/// <summary>Reads each kind of work's progress counters as a <see cref="ProgressSnapshot"/> for <see cref="ProgressDisplay"/>.</summary>
internal static class ProgressSources
{
    public static Func<ProgressSnapshot> Of(PassProgress progress) => () =>
        progress.Unit == PassProgress.BytesUnit
            ? new ProgressSnapshot(progress.Phase, 0, 0, progress.Done, progress.Total)
            : new ProgressSnapshot(progress.Phase, progress.Done, progress.Total, progress.Bytes, 0, progress.Unit);

    public static Func<ProgressSnapshot> Of(SyncProgress progress) => () =>
        new ProgressSnapshot(progress.Phase, progress.Files, progress.TotalFiles, progress.Bytes, progress.TotalBytes);

    public static Func<ProgressSnapshot> Of(FixtureProgress progress) => () =>
        new ProgressSnapshot("generating", progress.Files, progress.PlannedFiles, progress.Bytes, 0);
}
