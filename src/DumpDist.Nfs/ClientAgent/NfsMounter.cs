using DumpDist.Core.Processes;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>Mounts a server with the production options: NFSv4 over TCP, read only, soft, in the background if the server is down.</summary>
public sealed class NfsMounter(ChildProcessRunner runner) : IMounter
{
    /// <summary>The production mount options (DESIGN.md, NFS facts).</summary>
    public const string Options = "vers=4,bg,soft,ro,proto=tcp,timeo=300,retrans=3,noatime";

    /// <summary>The mount(8) arguments for <paramref name="server"/>.</summary>
    public static IReadOnlyList<string> Arguments(ServerTarget server) =>
    [
        "-t", "nfs4",
        "-o", $"{Options},port={server.Endpoint.Port}",
        $"{(server.Endpoint.Host.Contains(':', StringComparison.Ordinal) ? $"[{server.Endpoint.Host}]" : server.Endpoint.Host)}:/",
        server.MountPoint,
    ];

    /// <inheritdoc />
    public Task<ChildProcessResult> MountAsync(ServerTarget server, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(server.MountPoint);
        return runner.RunAsync(new ChildProcessSpec("mount", Arguments(server)) { Timeout = TimeSpan.FromMinutes(2) }, cancellationToken);
    }
}
