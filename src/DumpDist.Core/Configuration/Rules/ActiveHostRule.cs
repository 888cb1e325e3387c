using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Rules;

/// <summary>Each configured service's <c>active</c> must name a host in <c>hosts</c>.</summary>
internal static class ActiveHostRule
{
    public static void Check(NodeReader reader, ServicesConfig services, IReadOnlyList<HostConfig> hosts)
    {
        var names = hosts.Select(h => h.Name).Where(n => n.Length > 0).ToArray();
        foreach (var kind in services.Configured)
        {
            var active = services.Get(kind)!.Active;
            if (active.Length == 0 || names.Contains(active, StringComparer.Ordinal))
            {
                continue;
            }

            var path = $"services.{kind.ToConfigName()}.active";
            var closest = KeySuggester.Closest(active, names);
            var hint = closest is not null ? $"did you mean '{closest}'?" : $"hosts are: {string.Join(", ", names)}";
            reader.Error(reader.Positions.Of(path), path, $"unknown host '{active}'; {hint}");
        }
    }
}
