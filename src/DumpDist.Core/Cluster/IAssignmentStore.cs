namespace DumpDist.Core.Cluster;

/// <summary>
/// Where a node keeps the runtime assignments and the audit log. <c>peers</c> (SQLite on each
/// node, replicated over the admin APIs) and <c>etcd</c> (one etcd v3 cluster, watched) implement it.
/// Expected failures (store unreachable, epoch conflict) are results, not exceptions.
/// </summary>
public interface IAssignmentStore
{
    /// <summary>The newest set this node knows (never null: epoch 0 is the cluster file's defaults).</summary>
    AssignmentSet Current { get; }

    /// <summary>True while the backing store (the peers or etcd) answered the last attempt.</summary>
    bool Reachable { get; }

    /// <summary>Raised after <see cref="Current"/> changed to a newer epoch.</summary>
    event Action<AssignmentSet>? Changed;

    /// <summary>
    /// Commits <paramref name="change"/> whose epoch must be <c>Current.Epoch + 1</c>. Returns a
    /// failed result on a conflict (someone committed that epoch first) or when the store cannot
    /// be reached; the caller may re-read and retry.
    /// </summary>
    Task<CommitResult> CommitAsync(AssignmentChange change, CancellationToken cancellationToken);

    /// <summary>Takes <paramref name="change"/> if its epoch is newer than <see cref="Current"/> (a peer's push); false when it is not.</summary>
    Task<bool> AcceptAsync(AssignmentChange change, CancellationToken cancellationToken);

    /// <summary>The newest audit records, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> AuditAsync(int limit, CancellationToken cancellationToken);

    /// <summary>A new cluster file: its <c>active</c> hosts become the set while no change was ever made (epoch 0).</summary>
    void UpdateDefaults(AssignmentSet defaults);

    /// <summary>Re-reads the store (peers: pulls the newest epoch from every peer; etcd: a read) and updates <see cref="Current"/>.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}
