using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Publishing;

/// <summary>Everything one pass of one dataset needs.</summary>
public sealed record SyncPassOptions
{
    /// <summary>The dataset name (lock, history and refetch queue are per dataset).</summary>
    public required string Dataset { get; init; }

    /// <summary>The host name written to the trace (`&lt;root&gt;/trace/&lt;host&gt;.json`).</summary>
    public required string Host { get; init; }

    /// <summary>The dataset's source directory or rsync URL.</summary>
    public required RsyncEndpoint Source { get; init; }

    /// <summary>The dataset's directory on this host.</summary>
    public required string Destination { get; init; }

    /// <summary>The served root the trace is written under (the destination itself in the one-off form).</summary>
    public required string TraceRoot { get; init; }

    /// <summary>Where the lock, sync.db and file lists live.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Bandwidth limit and timeouts.</summary>
    public RsyncTransferOptions Transfer { get; init; } = new();

    /// <summary>Delete files gone from the source (mirror-exact datasets only; dated runs are never deleted by sync).</summary>
    public bool MirrorExact { get; init; }

    /// <summary>Most deletions per pass when <see cref="MirrorExact"/> (rsync --max-delete).</summary>
    public int MaxDelete { get; init; }

    /// <summary>Refuse when the source lost more than this fraction of the files seen at the last good pass.</summary>
    public double MaxLossFraction { get; init; } = 0.1;

    /// <summary>Show what would change (rsync -n) and change nothing: no lock, state, trace or verification.</summary>
    public bool DryRun { get; init; }

    /// <summary>Verify new and changed data files after the pass.</summary>
    public bool Verify { get; init; } = true;

    /// <summary>
    /// Called when stage 1 (data) and stage 2 (status/index files, into staging) have succeeded,
    /// before the staged files are published.
    /// </summary>
    public Func<CancellationToken, Task>? BetweenStages { get; init; }

    /// <summary>Where the pass stands (files and bytes transferred, then verified), for a progress display; optional.</summary>
    public SyncProgress? Progress { get; init; }
}
