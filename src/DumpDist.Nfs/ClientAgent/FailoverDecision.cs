namespace DumpDist.Nfs.ClientAgent;

/// <summary>Which server the links should point at after a round, and why.</summary>
public sealed record FailoverDecision(string Target, string Reason);
