namespace DumpDist.Core.Tree;

/// <summary>
/// The state of a dated dump run, derived from its dumpstatus.json (see docs/tree-model.md).
/// </summary>
public enum RunState
{
    /// <summary>No readable status, or a status with no jobs or an unrecognised job status.</summary>
    Unknown,

    /// <summary>Every job is done or skipped: the run is complete and may be published as "latest".</summary>
    Good,

    /// <summary>No job failed, and at least one job is waiting or in progress.</summary>
    InProgress,

    /// <summary>At least one job failed.</summary>
    Failed,
}
