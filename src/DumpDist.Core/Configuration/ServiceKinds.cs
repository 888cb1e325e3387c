namespace DumpDist.Core.Configuration;

/// <summary>Names of <see cref="ServiceKind"/> as written in the cluster file and on the command line.</summary>
public static class ServiceKinds
{
    /// <summary>All services in a stable order (web, rsync, nfs-vps, nfs-analytics).</summary>
    public static IReadOnlyList<ServiceKind> All { get; } =
        [ServiceKind.Web, ServiceKind.Rsync, ServiceKind.NfsVps, ServiceKind.NfsAnalytics];

    /// <summary>The config and CLI name: <c>web</c>, <c>rsync</c>, <c>nfs-vps</c>, <c>nfs-analytics</c>.</summary>
    public static string ToConfigName(this ServiceKind kind) => kind switch
    {
        ServiceKind.Web => "web",
        ServiceKind.Rsync => "rsync",
        ServiceKind.NfsVps => "nfs-vps",
        ServiceKind.NfsAnalytics => "nfs-analytics",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses a config or CLI name (exact, lower case).</summary>
    public static bool TryParse(string name, out ServiceKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToConfigName(), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
