namespace DumpDist.Mirrors.Freshness;

/// <summary>One mirror's freshness at one time.</summary>
/// <param name="Name">Registry name.</param>
/// <param name="Status">What the check found.</param>
/// <param name="Detail">Why, in words.</param>
/// <param name="CheckedAt">When the check ran.</param>
/// <param name="Lag">For <see cref="MirrorCheckStatus.Stale"/>: how far the mirror's trace is behind ours.</param>
/// <param name="TraceUrl">Where the mirror's trace was fetched.</param>
public sealed record MirrorCheckResult(string Name, MirrorCheckStatus Status, string Detail, DateTimeOffset CheckedAt, TimeSpan? Lag, string TraceUrl);
