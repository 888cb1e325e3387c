using DumpDist.Core.Configuration;

namespace DumpDist.Node.Admin;

/// <summary>Maps the cluster file's <c>admin</c> section to <see cref="AdminSettings"/>.</summary>
internal static class AdminSettingsMapper
{
    public static AdminSettings From(ClusterConfig config)
    {
        var admin = config.Admin;
        return new AdminSettings
        {
            Tokens = admin.Tokens.Select(t => (t.Name, t.File)).ToList(),
            Certificate = admin.Certificate,
            CertificateKey = admin.CertificateKey,
            CertificateAuthority = admin.Ca,
            Timeout = admin.Timeout,
        };
    }
}
