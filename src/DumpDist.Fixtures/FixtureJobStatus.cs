namespace DumpDist.Fixtures;

/// <summary>A job status as written into dumpstatus.json.</summary>
public enum FixtureJobStatus
{
    /// <summary><c>waiting</c></summary>
    Waiting,

    /// <summary><c>in-progress</c></summary>
    InProgress,

    /// <summary><c>done</c></summary>
    Done,

    /// <summary><c>failed</c></summary>
    Failed,

    /// <summary><c>skipped</c></summary>
    Skipped,
}
