namespace DumpDist.Mirrors.Freshness;

/// <summary>What a freshness check found at a mirror.</summary>
public enum MirrorCheckStatus
{
    /// <summary>The mirror's trace is ours: it has the newest good runs.</summary>
    Fresh,

    /// <summary>The mirror's trace is older than ours.</summary>
    Stale,

    /// <summary>The mirror did not answer (connection refused, timeout, HTTP error other than 404).</summary>
    Unreachable,

    /// <summary>The mirror answered with something that is not our trace (missing, unparseable, newer than ours, or a different set of runs for the same time).</summary>
    WrongContent,
}
