using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds <c>mirrors</c>, the registry of mirror sites (optional).</summary>
internal static partial class MirrorsBinder
{
    public static readonly string[] Keys =
        ["name", "url", "hostname", "ipv4", "ipv6", "contact", "institution", "added_by", "added_date", "active"];

    public static IReadOnlyList<MirrorConfig> Bind(MappingReader root)
    {
        var items = root.Sequence("mirrors");
        if (items is null)
        {
            return [];
        }

        var mirrors = new List<(MirrorConfig Mirror, string Path)>();
        foreach (var (node, path) in items)
        {
            var map = root.Reader.Mapping(node, path, Keys);
            if (map is null)
            {
                continue;
            }

            mirrors.Add((new MirrorConfig
            {
                Name = map.ParseObject<string>("name", Scalars.Name, required: true) ?? string.Empty,
                Url = map.ParseObject<Uri>("url", Scalars.Url("http", "https", "ftp", "rsync"), required: true) ?? new Uri("about:blank"),
                Hostname = map.ParseObject<string>("hostname", HostName, required: true) ?? string.Empty,
                Ipv4 = map.List<IPNetwork>("ipv4", Family(AddressFamily.InterNetwork, "IPv4")) ?? [],
                Ipv6 = map.List<IPNetwork>("ipv6", Family(AddressFamily.InterNetworkV6, "IPv6")) ?? [],
                Contact = map.String("contact"),
                Institution = map.String("institution"),
                AddedBy = map.String("added_by"),
                AddedDate = map.Parse<DateOnly>("added_date", Scalars.Date),
                Active = map.Parse<bool>("active", Scalars.Bool) ?? true,
            }, path));
        }

        UniqueNames.Check(root.Reader, mirrors.Select(m => (m.Mirror.Name, $"{m.Path}.name")), "mirror name");
        return mirrors.Select(m => m.Mirror).ToArray();
    }

    private static ScalarParser<IPNetwork> Family(AddressFamily family, string name) => (string text, out IPNetwork value) =>
    {
        var problem = Scalars.Network(text, out value);
        if (problem is null && value.BaseAddress.AddressFamily != family)
        {
            return $"'{text}' is not an {name} address or network";
        }

        return problem;
    };

    private static string? HostName(string text, out string value)
    {
        value = text;
        return DnsName().IsMatch(text) ? null : $"'{text}' is not a host name";
    }

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsName();
}
