using System.Net;
using System.Net.Sockets;

namespace DumpDist.Cli.Demo;

/// <summary>Finds the demo's listeners that cannot bind (a port in use, an address that is not local) before anything starts.</summary>
internal static class DemoPorts
{
    /// <summary>One message per listener that cannot bind; empty when all can.</summary>
    public static IReadOnlyList<string> Busy(IEnumerable<(IPEndPoint Endpoint, string What)> listeners)
    {
        var problems = new List<string>();
        foreach (var (endpoint, what) in listeners)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(endpoint);
                socket.Listen();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                problems.Add($"{endpoint} ({what}) is already in use by another program");
            }
            catch (SocketException e)
            {
                problems.Add($"{endpoint} ({what}) cannot be bound: {e.Message}");
            }
        }

        return problems;
    }
}
