namespace DumpDist.Sync.Safety;

/// <summary>Whether the source may be synced from, and why not.</summary>
public sealed record GuardDecision(bool Allowed, string? Reason)
{
    /// <summary>The source looks sane.</summary>
    public static GuardDecision Allow { get; } = new(true, null);

    /// <summary>The source must not be synced from.</summary>
    public static GuardDecision Refuse(string reason) => new(false, reason);
}
