using System.Net;
using System.Net.Sockets;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>Finds a TCP port on 127.0.0.1 that nothing listens on (for programs that cannot take port 0).</summary>
internal static class FreeTcpPort
{
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
