using System.Net;
using DumpDist.Core.Configuration;

namespace DumpDist.Mirrors.Metrics;

/// <summary>Names a client address by the registry entry whose networks hold it, so metric labels stay bounded.</summary>
internal sealed class MirrorIdentifier(IReadOnlyList<MirrorConfig> mirrors)
{
    /// <summary>The label of addresses no registry entry holds.</summary>
    public const string Unregistered = "unregistered";

    public IReadOnlyList<string> Names { get; } = [.. mirrors.Select(m => m.Name), Unregistered];

    /// <summary>The registry name of <paramref name="address"/> (active or not), else <see cref="Unregistered"/>.</summary>
    public string NameOf(IPAddress address)
    {
        foreach (var mirror in mirrors)
        {
            if (mirror.Ipv4.Any(n => n.Contains(address)) || mirror.Ipv6.Any(n => n.Contains(address)))
            {
                return mirror.Name;
            }
        }

        return Unregistered;
    }
}
