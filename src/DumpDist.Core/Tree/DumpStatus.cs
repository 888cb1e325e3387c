namespace DumpDist.Core.Tree;

/// <summary>The parsed content of a run's dumpstatus.json.</summary>
public sealed record DumpStatus(string? Version, IReadOnlyList<DumpJob> Jobs)
{
    /// <summary>
    /// The run state these jobs imply: Unknown without jobs or with an unrecognised status,
    /// else Failed if any job failed, else InProgress if any is waiting or in progress, else Good.
    /// </summary>
    public RunState RunState
    {
        get
        {
            if (Jobs.Count == 0 || Jobs.Any(j => j.State == JobState.Unknown))
            {
                return RunState.Unknown;
            }

            if (Jobs.Any(j => j.State == JobState.Failed))
            {
                return RunState.Failed;
            }

            return Jobs.Any(j => j.State is JobState.Waiting or JobState.InProgress)
                ? RunState.InProgress
                : RunState.Good;
        }
    }

    /// <summary>Every file entry of every job, keyed by file name.</summary>
    public IReadOnlyDictionary<string, DumpFileEntry> FilesByName =>
        Jobs.SelectMany(j => j.Files).GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
}
