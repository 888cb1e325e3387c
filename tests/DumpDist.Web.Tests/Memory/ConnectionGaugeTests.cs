using System.Net.Sockets;
using DumpDist.TestSupport;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests.Memory;

public sealed class ConnectionGaugeTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task OpenConnections_KeepAliveClientsComeAndGo_CountedFromKestrel()
    {
        _tree.AddText("x.txt", "x");
        await using var server = await RunningServer.StartAsync(_tree);
        var clients = new List<Socket>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(server.BaseUri.Host, server.BaseUri.Port);
                await socket.SendAsync("GET /x.txt HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
                clients.Add(socket);
            }

            Assert.True(await Eventually.TrueAsync(() => server.Server.OpenConnections == 20, TimeSpan.FromSeconds(20)), $"open: {server.Server.OpenConnections}");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        Assert.True(await Eventually.TrueAsync(() => server.Server.OpenConnections == 0, TimeSpan.FromSeconds(20)), $"open after close: {server.Server.OpenConnections}");
    }
}
