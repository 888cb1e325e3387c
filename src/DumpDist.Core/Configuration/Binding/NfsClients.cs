using System.Text.RegularExpressions;
using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Parses NFS <c>clients</c> entries: a CIDR or address, or a host name (wildcards <c>*</c> and <c>?</c> allowed).</summary>
internal static partial class NfsClients
{
    public static string? Parse(string text, out NfsClient value)
    {
        value = new NfsClient(text, null);
        if (LooksNumeric().IsMatch(text) || text.Contains(':', StringComparison.Ordinal))
        {
            var problem = Scalars.Network(text, out var network);
            if (problem is null)
            {
                value = new NfsClient(text, network);
            }

            return problem;
        }

        return HostName().IsMatch(text) ? null : $"'{text}' is neither a CIDR nor a host name";
    }

    [GeneratedRegex(@"^[0-9./]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LooksNumeric();

    [GeneratedRegex(@"^[A-Za-z0-9*?]([A-Za-z0-9*?-]*)(\.[A-Za-z0-9*?]([A-Za-z0-9*?-]*))*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
