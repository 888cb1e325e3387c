namespace DumpDist.Nfs.ClientAgent;

/// <summary>What one round did: where the links point, whether they moved, why, and what it saw.</summary>
public sealed record ClientAgentReport(
    string Target,
    bool Switched,
    string Reason,
    Assignment Assignment,
    IReadOnlyList<ServerHealth> Health,
    IReadOnlyList<string> Problems);
