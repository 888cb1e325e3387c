using DumpDist.Core.Configuration;

namespace DumpDist.Mirrors.Access;

/// <summary>rsyncd's <c>hosts allow</c> from the mirror registry.</summary>
internal static class HostsAllow
{
    /// <summary>
    /// The networks of the active entries that have no address problem (an entry with a bad address is left out whole, so a typo never admits part of it), IPv4 then IPv6 per entry, without repeats, in registry
    /// order. Inactive entries stay in the registry but may not pull.
    /// </summary>
    public static IReadOnlyList<string> From(IReadOnlyList<MirrorConfig> mirrors) =>
        mirrors.Where(m => m.MayPull)
            .SelectMany(m => m.Ipv4.Concat(m.Ipv6))
            .Select(n => n.ToString())
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
