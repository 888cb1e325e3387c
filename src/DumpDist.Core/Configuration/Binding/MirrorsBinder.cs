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

            var name = map.ParseObject<string>("name", Scalars.Name, required: true) ?? string.Empty;
            var problems = new List<string>();
            var ipv4 = Addresses(map, "ipv4", Family(AddressFamily.InterNetwork, "IPv4"), name, problems);
            var ipv6 = Addresses(map, "ipv6", Family(AddressFamily.InterNetworkV6, "IPv6"), name, problems);
            mirrors.Add((new MirrorConfig
            {
                Name = name,
                Url = map.ParseObject<Uri>("url", Scalars.Url("http", "https", "ftp", "rsync"), required: true) ?? new Uri("about:blank"),
                Hostname = map.ParseObject<string>("hostname", HostName, required: true) ?? string.Empty,
                Ipv4 = ipv4,
                Ipv6 = ipv6,
                AddressProblems = problems,
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

    /// <summary>
    /// The good networks of one address list. A bad item is not an error of the file: it is
    /// reported as an entry left out (the entry may not pull until fixed; the other entries apply),
    /// so one mirror's typo never blocks a registry edit or a node start.
    /// </summary>
    private static IReadOnlyList<IPNetwork> Addresses(MappingReader map, string key, ScalarParser<IPNetwork> parser, string name, List<string> problems)
    {
        if (map.Value(key) is not { } node)
        {
            return [];
        }

        var networks = new List<IPNetwork>();
        foreach (var (item, path) in map.Reader.Sequence(node, map.PathOf(key)))
        {
            var text = map.Reader.Scalar(item, path);
            if (text is null)
            {
                continue;
            }

            var problem = parser(text, out var network);
            if (problem is null)
            {
                networks.Add(network);
                continue;
            }

            var message = $"{problem}; mirror '{name}' is left out of rsync hosts allow until this is fixed (the other entries apply)";
            map.Reader.LeftOut(item.Start, path, message);
            problems.Add($"{path}: {problem}");
        }

        return networks;
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
