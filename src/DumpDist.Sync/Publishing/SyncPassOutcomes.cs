namespace DumpDist.Sync.Publishing;

/// <summary>The one spelling of each <see cref="SyncPassOutcome"/> (sync.db, metrics, the admin API, the CLI).</summary>
public static class SyncPassOutcomes
{
    /// <summary><c>ok</c>, <c>refused</c>, <c>rsync-failed</c>, <c>verify-failed</c>, <c>local-error</c>, <c>cancelled</c>.</summary>
    public static string ToName(this SyncPassOutcome outcome) => outcome switch
    {
        SyncPassOutcome.Ok => "ok",
        SyncPassOutcome.Refused => "refused",
        SyncPassOutcome.RsyncFailed => "rsync-failed",
        SyncPassOutcome.VerifyFailed => "verify-failed",
        SyncPassOutcome.LocalError => "local-error",
        _ => "cancelled",
    };
}
