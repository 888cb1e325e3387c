using DumpDist.Core.Cluster;

namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// What a node knows: the newest set (<see cref="Set"/>, which never goes back) and what the
/// assignments key looked like when last observed, which a commit compares against.
/// </summary>
/// <param name="Set">The newest set seen (the defaults until etcd holds a newer one).</param>
/// <param name="KeyModRevision">The key's mod_revision when last observed; 0 when it was absent.</param>
/// <param name="ObservedAt">The etcd revision of that observation, so an older one never overwrites a newer one.</param>
internal sealed record EtcdStoredState(AssignmentSet Set, long KeyModRevision, long ObservedAt);
