using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace DumpDist.Web.Hosting;

/// <summary>Listen sockets with SO_REUSEPORT, so new listeners can bind before old ones close.</summary>
internal static class ReusePortSocket
{
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    public static Socket CreateBound(EndPoint endPoint)
    {
        var socket = endPoint switch
        {
            IPEndPoint ip => new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp),
            _ => SocketTransportOptions.CreateDefaultBoundListenSocket(endPoint),
        };
        if (endPoint is not IPEndPoint)
        {
            return socket;
        }

        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            }

            if (endPoint is IPEndPoint { Address: var address } && address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
