namespace DumpDist.Core.Configuration;

/// <summary>
/// Where the runtime assignments (which host is active for each service, with an epoch) and the audit log live
/// (<c>assignments</c>): exchanged by the nodes over their admin APIs, or kept in an etcd v3 cluster.
/// </summary>
public sealed record AssignmentsConfig
{
    /// <summary>The store (<c>store</c>, default <c>peers</c>).</summary>
    public AssignmentStoreKind Store { get; init; } = AssignmentStoreKind.Peers;

    /// <summary>How often a node pulls the newest epoch from its peers or re-reads etcd (<c>refresh</c>, default 60 s).</summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The etcd cluster (<c>etcd</c>); set exactly when <see cref="Store"/> is <see cref="AssignmentStoreKind.Etcd"/>.</summary>
    public EtcdConfig? Etcd { get; init; }
}
