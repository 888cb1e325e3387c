using System.Net.Sockets;
using System.Text;

namespace DumpDist.Web.Tests.Support;

/// <summary>Sends raw bytes to the server and reads what comes back until it closes or goes quiet.</summary>
internal static class RawHttp
{
    public static async Task<string> SendAsync(Uri server, byte[] request, TimeSpan? quiet = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        var buffer = new byte[64 * 1024];
        var received = new MemoryStream();
        try
        {
            while (true)
            {
                // Wait long for the first byte, then only briefly: keep-alive connections stay open.
                using var timeout = new CancellationTokenSource(received.Length == 0 ? quiet ?? TimeSpan.FromSeconds(3) : TimeSpan.FromMilliseconds(300));
                var n = await stream.ReadAsync(buffer, timeout.Token);
                if (n == 0)
                {
                    break;
                }

                received.Write(buffer, 0, n);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }

    public static int StatusOf(string response)
    {
        if (!response.StartsWith("HTTP/1.", StringComparison.Ordinal) || response.Length < 12)
        {
            return 0;
        }

        return int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
    }
}
