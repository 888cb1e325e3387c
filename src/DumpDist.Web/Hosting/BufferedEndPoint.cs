using System.Net;

namespace DumpDist.Web.Hosting;

/// <summary>An address whose listener never sends with sendfile(2) (TLS), so it keeps Kestrel's default write buffering.</summary>
internal sealed class BufferedEndPoint(IPAddress address, int port) : IPEndPoint(address, port)
{
    public static BufferedEndPoint From(IPEndPoint endPoint) => new(endPoint.Address, endPoint.Port);
}
