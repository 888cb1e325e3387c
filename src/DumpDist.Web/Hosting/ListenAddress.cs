using System.Net;

namespace DumpDist.Web.Hosting;

/// <summary>Parses a listen URL such as http://127.0.0.1:8080, http://[::]:80 or http://*:0.</summary>
internal static class ListenAddress
{
    public static bool TryParse(string url, out IPEndPoint endPoint, out string error)
    {
        endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        error = string.Empty;
        var normalized = url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            error = $"'{url}' is not an http:// or https:// URL with an address and port";
            return false;
        }

        if (uri.AbsolutePath != "/" || uri.Port < 0)
        {
            error = $"'{url}' must be scheme://address:port with no path";
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        IPAddress? address;
        if (host == "localhost")
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address))
        {
            error = $"'{url}': '{uri.Host}' is not an IP address";
            return false;
        }

        endPoint = new IPEndPoint(address, uri.Port);
        return true;
    }
}
