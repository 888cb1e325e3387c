using DumpDist.Core.Cluster;

namespace DumpDist.Node.Health;

/// <summary>What a peer said last time it was asked, or why it did not answer.</summary>
internal sealed record PeerObservation(string Host, NodeState? State, string? Error, DateTimeOffset At);
