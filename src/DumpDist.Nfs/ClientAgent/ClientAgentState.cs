namespace DumpDist.Nfs.ClientAgent;

/// <summary>The agent's JSON state file: where the links point, each server's health history, the last switch.</summary>
public sealed record ClientAgentState
{
    /// <summary>The server the links point at.</summary>
    public string? Current { get; init; }

    /// <summary>The assignment seen in the last round.</summary>
    public string? Assigned { get; init; }

    /// <summary>Where the assignment came from (admin API and epoch, or config default).</summary>
    public string? AssignmentSource { get; init; }

    /// <summary>Why the links point where they do (the last round's decision).</summary>
    public string? Reason { get; init; }

    /// <summary>Per server.</summary>
    public Dictionary<string, ServerRecord> Servers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The most recent switch.</summary>
    public SwitchRecord? LastSwitch { get; init; }

    /// <summary>When the last round finished.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
