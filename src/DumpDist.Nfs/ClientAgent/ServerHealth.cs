namespace DumpDist.Nfs.ClientAgent;

/// <summary>One round's verdict on a server: healthy or not, why, and the probe latency.</summary>
public sealed record ServerHealth(string Name, bool Healthy, string Detail, TimeSpan? ProbeLatency);
