using System.Net;

namespace DumpDist.Web.Qos;

/// <summary>The client address a trusted proxy declared in a PROXY protocol header.</summary>
internal sealed class ProxyProtocolFeature(IPAddress sourceAddress) : IProxyProtocolFeature
{
    public IPAddress SourceAddress { get; } = sourceAddress;
}
