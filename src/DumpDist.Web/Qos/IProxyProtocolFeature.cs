using System.Net;

namespace DumpDist.Web.Qos;

/// <summary>The original client address a PROXY protocol header carried on this connection.</summary>
internal interface IProxyProtocolFeature
{
    IPAddress SourceAddress { get; }
}
