namespace DumpDist.Core.Configuration;

/// <summary>What every service has: the host clients are sent to by default (<c>active</c>, required).</summary>
public abstract record ServiceConfig
{
    /// <summary>Name of the default active host (<c>active</c>, required); runtime failover may override it.</summary>
    public required string Active { get; init; }

    /// <summary>Which service this is.</summary>
    public abstract ServiceKind Kind { get; }
}
