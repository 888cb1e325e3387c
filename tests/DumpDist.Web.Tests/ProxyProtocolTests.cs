using System.Net;
using System.Text;
using DumpDist.Web.Qos;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

public sealed class ProxyProtocolTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task ProxyV1AndV2_FromTrustedPeer_SourceAddressUsed_FromUntrustedIgnored()
    {
        _tree.AddText("x.txt", "x");
        var settings = QosSettings.Unlimited with { BlockCidrs = [IPNetwork.Parse("203.0.113.0/24")] };
        await using var trusted = await RunningServer.StartAsync(_tree, settings with { TrustedProxies = [IPNetwork.Parse("127.0.0.1/32")] });
        await using var untrusted = await RunningServer.StartAsync(_tree, settings);
        var request = "GET /x.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

        var v1Blocked = await RawHttp.SendAsync(trusted.BaseUri, Encoding.ASCII.GetBytes("PROXY TCP4 203.0.113.9 127.0.0.1 5555 80\r\n" + request));
        var v1Allowed = await RawHttp.SendAsync(trusted.BaseUri, Encoding.ASCII.GetBytes("PROXY TCP4 198.51.100.7 127.0.0.1 5555 80\r\n" + request));
        var v2Blocked = await RawHttp.SendAsync(trusted.BaseUri, [.. V2Header(IPAddress.Parse("203.0.113.10")), .. Encoding.ASCII.GetBytes(request)]);
        var noHeader = await RawHttp.SendAsync(trusted.BaseUri, Encoding.ASCII.GetBytes(request));
        var spoofed = await RawHttp.SendAsync(untrusted.BaseUri, Encoding.ASCII.GetBytes("PROXY TCP4 198.51.100.7 127.0.0.1 5555 80\r\n" + request));
        var garbage = await RawHttp.SendAsync(trusted.BaseUri, Encoding.ASCII.GetBytes("PROXY TCP4 not-an-ip\r\n" + request));

        Assert.Equal(403, RawHttp.StatusOf(v1Blocked));
        Assert.Equal(200, RawHttp.StatusOf(v1Allowed));
        Assert.Equal(403, RawHttp.StatusOf(v2Blocked));
        Assert.Equal(200, RawHttp.StatusOf(noHeader));
        Assert.Equal(400, RawHttp.StatusOf(spoofed));
        Assert.Equal(0, RawHttp.StatusOf(garbage));
    }

    private static byte[] V2Header(IPAddress source)
    {
        byte[] signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];
        return [.. signature, 0x21, 0x11, 0x00, 0x0C, .. source.GetAddressBytes(), 127, 0, 0, 1, 0x15, 0xB3, 0x00, 0x50];
    }
}
