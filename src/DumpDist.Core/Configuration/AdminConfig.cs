namespace DumpDist.Core.Configuration;

/// <summary>
/// The admin API every node runs on its <c>admin_address</c> (<c>admin</c>): which bearer tokens it accepts, whether it speaks
/// TLS, and how long the CLI and peers wait for it. Paths are host-local: each host has its own copy of these files.
/// </summary>
public sealed record AdminConfig
{
    /// <summary>Bearer tokens accepted by every node's admin API (<c>tokens</c>, default none); names are unique.</summary>
    public IReadOnlyList<AdminTokenConfig> Tokens { get; init; } = [];

    /// <summary>PEM certificate of the admin listener (<c>certificate</c>); when set the admin API speaks TLS.</summary>
    public string? Certificate { get; init; }

    /// <summary>PEM private key of the admin listener (<c>certificate_key</c>); set together with <see cref="Certificate"/>.</summary>
    public string? CertificateKey { get; init; }

    /// <summary>CA the CLI and peers verify admin certificates against (<c>ca</c>); needs <see cref="Certificate"/>.</summary>
    public string? Ca { get; init; }

    /// <summary>Longest a CLI or peer call to an admin API may take (<c>timeout</c>, default 5 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>True when the admin listener speaks TLS (<see cref="Certificate"/> is set).</summary>
    public bool UsesTls => Certificate is not null;

    /// <summary>The token named <paramref name="name"/> (ordinal match), or null.</summary>
    public AdminTokenConfig? FindToken(string name) =>
        Tokens.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
