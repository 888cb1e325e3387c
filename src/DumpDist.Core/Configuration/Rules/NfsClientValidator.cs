using System.Net;
using System.Text.RegularExpressions;

namespace DumpDist.Core.Configuration.Rules;

/// <summary>
/// Checks one NFS client entry: an IPv4/IPv6 address, a CIDR network with no host bits set, or
/// a host name (<c>*</c> and <c>?</c> wildcards allowed, e.g. <c>*.example.org</c>, <c>an-worker10??.example.org</c>). Everything else is rejected, so a
/// typo cannot end up in /etc/exports or ganesha.conf where it would export to the wrong clients.
/// The loader runs it on every entry that parsed (<see cref="NfsClientsRule"/>).
/// </summary>
internal static partial class NfsClientValidator
{
    /// <summary>Returns null when <paramref name="client"/> is acceptable, otherwise what is wrong with it.</summary>
    public static string? Validate(string? client)
    {
        if (string.IsNullOrWhiteSpace(client))
        {
            return "empty client entry";
        }

        if (client != client.Trim() || client.Any(char.IsWhiteSpace))
        {
            return $"'{client}' contains whitespace";
        }

        if (client is "*" || client.StartsWith("0.0.0.0/0", StringComparison.Ordinal) || client is "::/0")
        {
            return $"'{client}' would export to every address; list the client networks";
        }

        if (client.Contains('/', StringComparison.Ordinal))
        {
            return ValidateNetwork(client);
        }

        if (client.Contains(':', StringComparison.Ordinal) || NumericPattern().IsMatch(client))
        {
            return IsFullAddress(client) ? null : $"'{client}' is not a valid IP address";
        }

        if (!client.Any(char.IsAsciiLetterOrDigit))
        {
            return $"'{client}' would match every host name; list the client hosts or networks";
        }

        return HostNamePattern().IsMatch(client) && client.Length <= 253
            ? null
            : $"'{client}' is not an IP address, CIDR network or host name";
    }

    private static string? ValidateNetwork(string client)
    {
        var slash = client.IndexOf('/', StringComparison.Ordinal);
        var addressText = client[..slash];
        if (!IsFullAddress(addressText) || !IPAddress.TryParse(addressText, out var address))
        {
            return $"'{client}': '{addressText}' is not an IP address";
        }

        var maxPrefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        if (!int.TryParse(client[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            || prefix > maxPrefix)
        {
            return $"'{client}': prefix length must be a number from 0 to {maxPrefix}";
        }

        var network = new IPNetwork(Mask(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            return $"'{client}' has host bits set; did you mean {network}?";
        }

        return null;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }

    /// <summary>IPAddress.TryParse accepts "10" or "10.1" as IPv4; an NFS client list must not.</summary>
    private static bool IsFullAddress(string text) =>
        IPAddress.TryParse(text, out _) && (text.Contains(':', StringComparison.Ordinal) || DottedQuadPattern().IsMatch(text));

    /// <summary>Host name labels; <c>*</c> and <c>?</c> wildcards are allowed as in exports(5) and ganesha.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9*?]([A-Za-z0-9*?-]{0,61}[A-Za-z0-9*?])?(\.[A-Za-z0-9*?]([A-Za-z0-9*?-]{0,61}[A-Za-z0-9*?])?)*$")]
    private static partial Regex HostNamePattern();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex DottedQuadPattern();

    [GeneratedRegex(@"^[\d.]+$")]
    private static partial Regex NumericPattern();
}
