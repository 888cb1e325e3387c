using System.Net;
using Microsoft.AspNetCore.Http;

namespace DumpDist.Web.Qos;

/// <summary>
/// The client address is the socket peer, unless the peer is a trusted proxy: then the PROXY
/// protocol address if one was received, else the right-most X-Forwarded-For entry that is not
/// itself a trusted proxy. Headers from anyone else are ignored, so clients cannot pick their key.
/// </summary>
internal static class ClientAddressResolver
{
    public static IPAddress Resolve(HttpContext context, QosSettings settings)
    {
        var peer = Normalize(context.Connection.RemoteIpAddress ?? IPAddress.None);
        if (settings.TrustedProxies.Count == 0 || !QosSettings.Contains(settings.TrustedProxies, peer))
        {
            return peer;
        }

        var proxied = context.Features.Get<IProxyProtocolFeature>();
        if (proxied is not null)
        {
            return Normalize(proxied.SourceAddress);
        }

        var header = context.Request.Headers["X-Forwarded-For"];
        if (header.Count == 0)
        {
            return peer;
        }

        var entries = string.Join(',', header.ToArray()).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(entries[i], out var address))
            {
                // Garbage in the chain: stop believing it at this point.
                return peer;
            }

            address = Normalize(address);
            if (!QosSettings.Contains(settings.TrustedProxies, address))
            {
                return address;
            }

            peer = address;
        }

        return peer;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
