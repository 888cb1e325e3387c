namespace DumpDist.Node.Provisioning;

/// <summary>A directory a serving host needs, with the mode it must have and what it is for.</summary>
internal sealed record HostDirectory(string Path, UnixFileMode Mode, string Purpose);
