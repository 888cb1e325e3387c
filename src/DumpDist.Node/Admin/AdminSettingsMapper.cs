using DumpDist.Core.Configuration;

namespace DumpDist.Node.Admin;

/// <summary>Maps the cluster file's <c>admin</c> section to <see cref="AdminSettings"/>.</summary>
internal static class AdminSettingsMapper
{
    public static AdminSettings From(ClusterConfig config)
    {
        // TODO(config merge): read config.Admin once the loader has the section.
        var file = Environment.GetEnvironmentVariable("DUMPDIST_ADMIN_TOKEN_FILE");
        return new AdminSettings { Tokens = file is null ? [] : [("admin", file)] };
    }
}
