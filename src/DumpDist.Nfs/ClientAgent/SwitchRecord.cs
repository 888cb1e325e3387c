namespace DumpDist.Nfs.ClientAgent;

/// <summary>A switch of the links from one server to another, and why.</summary>
public sealed record SwitchRecord(DateTimeOffset At, string? From, string To, string Reason);
