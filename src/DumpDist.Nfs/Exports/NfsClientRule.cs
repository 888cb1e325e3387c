namespace DumpDist.Nfs.Exports;

/// <summary>One allowed client of an export (a CIDR, address, host name or wildcard) and the service that lists it.</summary>
public sealed record NfsClientRule(string Service, string Client);
