namespace DumpDist.Nfs.ClientAgent;

/// <summary>What the state file remembers about one server between rounds.</summary>
public sealed record ServerRecord
{
    /// <summary>Healthy in the last round.</summary>
    public bool Healthy { get; init; }

    /// <summary>Since when it has been healthy without a break; null when the last round found it unhealthy.</summary>
    public DateTimeOffset? HealthySince { get; init; }

    /// <summary>The last round's health detail.</summary>
    public string Detail { get; init; } = string.Empty;

    /// <summary>When it was last checked.</summary>
    public DateTimeOffset CheckedAt { get; init; }
}
