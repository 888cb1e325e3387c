namespace DumpDist.Sync.Publishing;

/// <summary>How a pass ended.</summary>
public enum SyncPassOutcome
{
    /// <summary>Both stages and verification succeeded; the trace was written.</summary>
    Ok,

    /// <summary>A guard refused (lock held, empty or shrunken source); nothing was changed.</summary>
    Refused,

    /// <summary>rsync failed; stage 2 did not run if stage 1 failed.</summary>
    RsyncFailed,

    /// <summary>The transfer succeeded but a file did not match its published checksum or size.</summary>
    VerifyFailed,

    /// <summary>The pass was cancelled (rsync was killed).</summary>
    Cancelled,

    /// <summary>A local error: the state directory or destination could not be written.</summary>
    LocalError,
}
