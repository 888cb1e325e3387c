using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DumpDist.Web.Serving;

/// <summary>
/// Bytes the peer has acknowledged on a TCP socket (Linux <c>tcp_info.tcpi_bytes_acked</c>): how a
/// sendfile(2) in flight is seen to progress without waiting for it to complete.
/// </summary>
internal static class TcpProgress
{
    private const int IpProtoTcp = 6;
    private const int TcpInfo = 11;
    private const int BytesAckedOffset = 120;
    private const int TcpInfoSize = 232;

    /// <summary>The acknowledged byte count, or null where the socket or the kernel does not say.</summary>
    public static long? BytesAcked(Socket socket)
    {
        if (!OperatingSystem.IsLinux() || socket.ProtocolType != ProtocolType.Tcp)
        {
            return null;
        }

        Span<byte> info = stackalloc byte[TcpInfoSize];
        try
        {
            var length = socket.GetRawSocketOption(IpProtoTcp, TcpInfo, info);
            return length >= BytesAckedOffset + sizeof(long)
                ? MemoryMarshal.Read<long>(info[BytesAckedOffset..])
                : null;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }
}
