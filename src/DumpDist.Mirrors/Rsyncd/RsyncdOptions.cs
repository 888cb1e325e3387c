namespace DumpDist.Mirrors.Rsyncd;

/// <summary>How the node runs the rsync daemon (host-local; what it serves comes from the cluster file).</summary>
public sealed class RsyncdOptions
{
    /// <summary>The rsync program.</summary>
    public string Program { get; set; } = "rsync";

    /// <summary>
    /// The daemon is started by root, so rsyncd.conf names whom it serves as (<c>services.rsync.uid</c>/<c>gid</c>);
    /// the process's own privilege by default.
    /// </summary>
    public bool RunningAsRoot { get; set; } = Environment.IsPrivilegedProcess;

    /// <summary>Wait before the first restart after the daemon died; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between restarts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the daemon's process group gets after SIGTERM before SIGKILL.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the include lists are rebuilt from the tree even without a sync pass (retention, manual changes).</summary>
    public TimeSpan IncludeListInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often rsyncd's log is read for the per-mirror metrics.</summary>
    public TimeSpan TransferLogInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one mirror gets to answer a freshness check.</summary>
    public TimeSpan FreshnessTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
