namespace DumpDist.Sync.Transport;

/// <summary>Maps rsync exit codes (rsync(1) "EXIT VALUES") to outcomes.</summary>
public static class RsyncExitCodes
{
    /// <summary>rsync's "timeout in data send/receive", also reported when the runner's watchdog stops a stalled rsync.</summary>
    public const int IoTimeout = 30;

    /// <summary>The outcome an exit code stands for.</summary>
    public static RsyncOutcome Map(int exitCode) => exitCode switch
    {
        0 or 24 => RsyncOutcome.Ok,
        23 => RsyncOutcome.Partial,
        30 or 35 => RsyncOutcome.Timeout,
        _ => RsyncOutcome.Error,
    };

    /// <summary>rsync's own words for an exit code, for messages.</summary>
    public static string Describe(int exitCode) => exitCode switch
    {
        0 => "success",
        1 => "syntax or usage error",
        2 => "protocol incompatibility",
        3 => "errors selecting input/output files, dirs",
        5 => "error starting client-server protocol",
        10 => "error in socket I/O",
        11 => "error in file I/O",
        12 => "error in rsync protocol data stream",
        20 => "received SIGUSR1 or SIGINT",
        23 => "partial transfer due to error",
        24 => "partial transfer due to vanished source files",
        25 => "the --max-delete limit stopped deletions",
        30 => "timeout in data send/receive",
        35 => "timeout waiting for daemon connection",
        _ => $"exit code {exitCode}",
    };
}
