using System.Net;

namespace DumpDist.Web.Qos;

/// <summary>Who a request is from, for limits and logs: the client address (after trusted proxies) and User-Agent.</summary>
internal readonly record struct ClientIdentity(IPAddress Address, string UserAgent);
