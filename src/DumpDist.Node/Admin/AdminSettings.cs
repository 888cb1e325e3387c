using DumpDist.Core.Configuration;

namespace DumpDist.Node.Admin;

/// <summary>
/// The admin API's settings for this process, from the cluster file's <c>admin</c> section: the
/// tokens (name and file), TLS for the listener, the CA peers and the CLI verify against.
/// </summary>
internal sealed record AdminSettings
{
    public IReadOnlyList<(string Name, string File)> Tokens { get; init; } = [];

    public string? Certificate { get; init; }

    public string? CertificateKey { get; init; }

    public string? CertificateAuthority { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public static AdminSettings From(ClusterConfig config) => AdminSettingsMapper.From(config);

    /// <summary>The admin API's base URL of <paramref name="host"/>.</summary>
    public Uri BaseAddressOf(HostConfig host) => Core.Cluster.AdminTransport.BaseAddressOf(Certificate is not null, host);
}
