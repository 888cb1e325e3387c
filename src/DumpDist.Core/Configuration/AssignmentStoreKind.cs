namespace DumpDist.Core.Configuration;

/// <summary>Where the runtime assignments live (<c>assignments.store</c>).</summary>
public enum AssignmentStoreKind
{
    /// <summary><c>peers</c>: SQLite on each node, exchanged over the admin APIs (right for two or three hosts).</summary>
    Peers,

    /// <summary><c>etcd</c>: one etcd v3 cluster (<c>assignments.etcd</c>).</summary>
    Etcd,
}
