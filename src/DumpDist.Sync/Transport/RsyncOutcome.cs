namespace DumpDist.Sync.Transport;

/// <summary>What an rsync run amounted to, from its exit code (see <see cref="RsyncExitCodes"/>).</summary>
public enum RsyncOutcome
{
    /// <summary>Exit 0, or 24 (source files vanished while listed: normal on a live tree).</summary>
    Ok,

    /// <summary>Exit 23: some files were not transferred.</summary>
    Partial,

    /// <summary>Exit 30 or 35: I/O or connect timeout.</summary>
    Timeout,

    /// <summary>Any other non-zero exit (protocol, usage, max-delete reached, ...).</summary>
    Error,

    /// <summary>The pass was cancelled and rsync was killed.</summary>
    Cancelled,
}
