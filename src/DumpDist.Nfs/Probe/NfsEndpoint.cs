using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace DumpDist.Nfs.Probe;

/// <summary>Where an NFS server listens: a host name or address and a TCP port (2049 unless given).</summary>
public sealed record NfsEndpoint(string Host, int Port)
{
    /// <summary>The port NFSv4 uses when none is given.</summary>
    public const int DefaultPort = 2049;

    /// <summary>Parses <c>HOST</c>, <c>HOST:PORT</c>, <c>IPV6</c> or <c>[IPV6]:PORT</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NfsEndpoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty host";
            return false;
        }

        text = text.Trim();
        string host;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}': missing ']'";
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    error = $"'{text}': expected ':PORT' after ']'";
                    return false;
                }

                portText = rest[1..];
            }
        }
        else if (text.Count(c => c == ':') > 1)
        {
            host = text; // a bare IPv6 address
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? text : text[..colon];
            portText = colon < 0 ? null : text[(colon + 1)..];
        }

        if (host.Length == 0 || (host.Contains(':', StringComparison.Ordinal) && !IPAddress.TryParse(host, out _)))
        {
            error = $"'{text}': not a host name or address";
            return false;
        }

        var port = DefaultPort;
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"'{text}': port must be a number from 1 to 65535";
            return false;
        }

        endpoint = new NfsEndpoint(host, port);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
