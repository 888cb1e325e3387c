namespace DumpDist.Core.Configuration;

/// <summary>A <c>host:port</c> pair; IPv6 hosts are written in brackets (<c>[::1]:9100</c>).</summary>
/// <param name="Host">Host name or IP literal, without brackets.</param>
/// <param name="Port">TCP port, 1 to 65535.</param>
public sealed record HostPort(string Host, int Port)
{
    /// <summary>Parses <c>host:port</c> or <c>[v6]:port</c>; false when either part is missing or the port is out of range.</summary>
    public static bool TryParse(string text, out HostPort? value)
    {
        value = null;
        string host;
        string port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                return false;
            }

            host = text[1..close];
            port = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon <= 0 || text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                return false;
            }

            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (host.Length == 0 || !int.TryParse(port, System.Globalization.NumberStyles.None, null, out var number) || number is < 1 or > 65535)
        {
            return false;
        }

        value = new HostPort(host, number);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
