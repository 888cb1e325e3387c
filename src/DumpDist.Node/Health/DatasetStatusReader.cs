using DumpDist.Core.Cluster;
using DumpDist.Sync.Publishing;
using DumpDist.Sync.Scheduling;
using DumpDist.Sync.State;

namespace DumpDist.Node.Health;

/// <summary>Each dataset's sync status on this host: the scheduler's last result, and the last good pass from sync.db (it survives restarts).</summary>
internal sealed class DatasetStatusReader(SyncScheduler scheduler, string stateDirectory)
{
    private SyncHistory? _history;

    public IReadOnlyList<DatasetState> Read()
    {
        var results = scheduler.LastResults;
        var running = scheduler.Running;
        var schedules = scheduler.Schedules;
        var history = History();
        return scheduler.Datasets.Order(StringComparer.Ordinal).Select(name =>
        {
            results.TryGetValue(name, out var last);
            var good = history?.LastGood(name);
            var lastRecorded = last is null ? history?.Last(name) : null;
            return new DatasetState
            {
                Name = name,
                LastOutcome = last?.Outcome.ToName() ?? lastRecorded?.Outcome,
                LastPass = last?.Completed ?? lastRecorded?.Completed,
                LastGoodStarted = good?.Started,
                LastGoodCompleted = good?.Completed,
                IntervalSeconds = schedules.TryGetValue(name, out var schedule) ? schedule.Interval?.TotalSeconds : null,
                Running = running.Contains(name),
            };
        }).ToList();
    }

    private SyncHistory? History()
    {
        if (_history is null && File.Exists(Path.Combine(stateDirectory, SyncStateDatabase.FileName)))
        {
            _history = new SyncHistory(SyncStateDatabase.Open(stateDirectory));
        }

        return _history;
    }
}
