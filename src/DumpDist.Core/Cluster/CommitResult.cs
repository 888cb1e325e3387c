namespace DumpDist.Core.Cluster;

/// <summary>The outcome of <see cref="IAssignmentStore.CommitAsync"/>.</summary>
/// <param name="Committed">True when the change is now the newest set.</param>
/// <param name="Message">Why not, or which nodes took it (peers).</param>
/// <param name="Acknowledged">The hosts that stored the change (peers store); empty for etcd.</param>
/// <param name="Unanswered">True when the store did not answer (etcd down or hung): not a lost race, so a re-read and retry cannot help.</param>
public sealed record CommitResult(bool Committed, string Message, IReadOnlyList<string> Acknowledged, bool Unanswered = false);
