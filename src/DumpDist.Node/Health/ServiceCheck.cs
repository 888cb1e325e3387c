namespace DumpDist.Node.Health;

/// <summary>Whether a service works here, and why in words.</summary>
internal readonly record struct ServiceCheck(bool Working, string Detail);
