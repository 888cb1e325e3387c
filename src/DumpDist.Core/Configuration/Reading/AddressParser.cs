using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>
/// Strict IP and CIDR parsing. <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone accepts forms such as
/// <c>10</c> or <c>10.1</c>, which in a config file are typos, so IPv4 must be four dotted decimals.
/// </summary>
internal static partial class AddressParser
{
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && !text.Contains('%', StringComparison.Ordinal))
            {
                address = v6;
                return true;
            }

            return false;
        }

        if (!DottedQuad().IsMatch(text) || !IPAddress.TryParse(text, out var v4))
        {
            return false;
        }

        address = v4;
        return true;
    }

    /// <summary>A CIDR (<c>10.68.0.0/16</c>) or a single address (taken as /32 or /128). Null on success, else why it failed.</summary>
    public static string? TryParseNetwork(string text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText, out var address))
        {
            return "is not an IP address or CIDR";
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, null, out prefix) || prefix > maxPrefix))
        {
            return $"has a bad prefix length (0 to {maxPrefix})";
        }

        // A CIDR with host bits set (10.68.1.0/16) is almost always a typo for another network; say which.
        var masked = Mask(address, prefix);
        if (!masked.Equals(address))
        {
            return $"has host bits set; the network is {masked}/{prefix}";
        }

        network = new IPNetwork(address, prefix);
        return null;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedQuad();
}
