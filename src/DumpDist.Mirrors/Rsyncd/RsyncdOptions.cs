namespace DumpDist.Mirrors.Rsyncd;

/// <summary>How the node runs the rsync daemon (host-local; what it serves comes from the cluster file).</summary>
public sealed class RsyncdOptions
{
    /// <summary>The rsync program.</summary>
    public string Program { get; set; } = "rsync";

    /// <summary>
    /// The user rsyncd serves as (<c>uid</c>) when the node runs as root; null leaves rsync's default
    /// (nobody), who must then be able to read the tree and <c>&lt;state_dir&gt;/rsyncd/</c>.
    /// </summary>
    public string? User { get; set; }

    /// <summary>The group rsyncd serves as (<c>gid</c>) when the node runs as root; null for rsync's default.</summary>
    public string? Group { get; set; }

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

    /// <summary>How often every active mirror's trace is checked.</summary>
    public TimeSpan FreshnessInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one mirror gets to answer a freshness check.</summary>
    public TimeSpan FreshnessTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Verified data files at least this large get a <c>FILE.torrent</c> with web seeds.</summary>
    public long TorrentMinimumSize { get; set; } = 64L << 20;
}
