using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DumpDist.Node.LoadBalancing;

/// <summary>
/// Where one HAProxy frontend listens: <c>:80</c> (every IPv4 address), <c>203.0.113.5:80</c> or
/// <c>[2001:db8::5]:443</c>. Only IP literals are taken, so the rendered file never depends on
/// what a name resolved to when HAProxy started.
/// </summary>
/// <param name="Address">The address, or null for every IPv4 address.</param>
/// <param name="Port">TCP port, 1 to 65535.</param>
internal sealed record HaproxyBind(IPAddress? Address, int Port)
{
    /// <summary>Parses <c>[ADDR]:PORT</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, out HaproxyBind? bind, out string? error)
    {
        bind = null;
        error = null;
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            error = $"'{text}' has no port; expected ADDR:PORT, :PORT or [IPV6]:PORT";
            return false;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}' has a bad port '{portText}' (1 to 65535)";
            return false;
        }

        IPAddress? address = null;
        if (host.Length > 0)
        {
            var bracketed = host.StartsWith('[') && host.EndsWith(']');
            var literal = bracketed ? host[1..^1] : host;
            if (!IPAddress.TryParse(literal, out address)
                || (address.AddressFamily == AddressFamily.InterNetworkV6) != bracketed
                || (address.AddressFamily == AddressFamily.InterNetwork && literal.Count(c => c == '.') != 3)
                || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0))
            {
                error = $"'{text}' has a bad address '{host}'; expected an IPv4 address, an IPv6 address in brackets, or nothing (every IPv4 address)";
                return false;
            }
        }

        bind = new HaproxyBind(address, port);
        return true;
    }

    /// <summary>HAProxy's <c>bind</c> syntax: <c>:80</c>, <c>192.0.2.1:80</c>, <c>[::]:80</c>.</summary>
    public override string ToString() => Address switch
    {
        null => $":{Port.ToString(CultureInfo.InvariantCulture)}",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"[{Address}]:{Port.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{Address}:{Port.ToString(CultureInfo.InvariantCulture)}",
    };
}
