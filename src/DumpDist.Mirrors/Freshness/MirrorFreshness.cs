namespace DumpDist.Mirrors.Freshness;

/// <summary>What this host knows of one mirror's freshness: the last check and when it was last fresh.</summary>
/// <param name="Last">The last check.</param>
/// <param name="LastSeenFresh">The last check that found it fresh, if any.</param>
public sealed record MirrorFreshness(MirrorCheckResult Last, DateTimeOffset? LastSeenFresh);
