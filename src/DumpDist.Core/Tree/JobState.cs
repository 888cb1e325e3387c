namespace DumpDist.Core.Tree;

/// <summary>The status of one job in dumpstatus.json.</summary>
public enum JobState
{
    /// <summary>A status string the model does not know; reported as a problem.</summary>
    Unknown,

    /// <summary><c>waiting</c>: not started.</summary>
    Waiting,

    /// <summary><c>in-progress</c>: files may be being written as <c>*.inprog</c>.</summary>
    InProgress,

    /// <summary><c>done</c>: files complete, with url and sums.</summary>
    Done,

    /// <summary><c>failed</c>.</summary>
    Failed,

    /// <summary><c>skipped</c>: counts as complete.</summary>
    Skipped,
}
