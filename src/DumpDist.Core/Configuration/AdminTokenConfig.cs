namespace DumpDist.Core.Configuration;

/// <summary>
/// One bearer token accepted by the admin API (<c>admin.tokens[]</c>). The file holds the secret; it lives on each host and
/// is read (and its mode checked) by the node at start with <see cref="AdminTokenFile.TryRead"/>, not by the loader.
/// </summary>
public sealed record AdminTokenConfig
{
    /// <summary>Unique name (<c>name</c>, required); what the audit log records as the caller.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the file holding the token (<c>file</c>, required); mode 0600.</summary>
    public required string File { get; init; }
}
