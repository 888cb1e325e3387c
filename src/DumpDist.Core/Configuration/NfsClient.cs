using System.Net;

namespace DumpDist.Core.Configuration;

/// <summary>One entry of an NFS <c>clients</c> list: a network (CIDR or single IP) or a host name.</summary>
/// <param name="Text">As written in the file.</param>
/// <param name="Network">The network when <see cref="Text"/> is an address or CIDR; null for a host name.</param>
public sealed record NfsClient(string Text, IPNetwork? Network)
{
    /// <summary>True when the entry is a host name rather than a network.</summary>
    public bool IsHostName => Network is null;
}
