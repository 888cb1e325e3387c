using System.Net;

namespace DumpDist.Mirrors.Metrics;

/// <summary>One fact read from rsyncd's log, tied to the client address of its connection.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Address">The client.</param>
/// <param name="At">The log line's time.</param>
/// <param name="Bytes">Bytes sent (for <see cref="TransferEventKind.PullCompleted"/>).</param>
internal readonly record struct TransferEvent(TransferEventKind Kind, IPAddress Address, DateTimeOffset At, long Bytes = 0);
