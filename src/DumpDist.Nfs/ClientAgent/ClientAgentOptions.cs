namespace DumpDist.Nfs.ClientAgent;

/// <summary>What the client agent manages on a VPS or analytics host.</summary>
public sealed record ClientAgentOptions
{
    /// <summary>The NFS service this client uses (nfs-vps or nfs-analytics), as named in the assignment.</summary>
    public required string Service { get; init; }

    /// <summary>Both (or all) serving hosts; the client mounts every one.</summary>
    public required IReadOnlyList<ServerTarget> Servers { get; init; }

    /// <summary>The config default active host (<c>services.&lt;service&gt;.active</c>), used when no admin API answers.</summary>
    public required string DefaultActive { get; init; }

    /// <summary>The symlinks pointed at the active server's mount.</summary>
    public required IReadOnlyList<LinkSpec> Links { get; init; }

    /// <summary>Admin API base addresses (<c>http://admin_address</c>, https when the cluster file's <c>admin</c> has a certificate) asked for the current assignment.</summary>
    public IReadOnlyList<Uri> AdminEndpoints { get; init; } = [];

    /// <summary>The CA (PEM) the admin APIs' certificates are verified against (the cluster file's <c>admin.ca</c>); null: the system's roots.</summary>
    public string? AdminCertificateAuthority { get; init; }

    /// <summary>Bearer token for the admin API, when it requires one.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Path inside each mount that must stat for the server to count as healthy ("" = the mount root).</summary>
    public string CanaryPath { get; init; } = string.Empty;

    /// <summary>Longest a canary stat may take (a hung NFS mount blocks stat forever).</summary>
    public TimeSpan StatTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest the NFS NULL probe may take.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest an admin API request may take.</summary>
    public TimeSpan AdminTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the assigned server must stay healthy before clients move back to it.</summary>
    public TimeSpan Hysteresis { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Time between rounds when running as a service.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The JSON state file: current server, health history, last switch and why.</summary>
    public required string StateFile { get; init; }

    /// <summary>Where to write the metrics after each round (node_exporter textfile collector), or null.</summary>
    public string? MetricsFile { get; init; }

    /// <summary>Whether the agent mounts missing mounts itself (false when fstab or autofs does).</summary>
    public bool Mount { get; init; } = true;

    /// <summary>The server named <paramref name="name"/>, or null.</summary>
    public ServerTarget? FindServer(string? name) =>
        Servers.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
