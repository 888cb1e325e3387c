namespace DumpDist.Node.LoadBalancing;

/// <summary>One frontend/backend pair of the rendered HAProxy configuration.</summary>
/// <param name="Name">Frontend name; the backend is <c>NAME-nodes</c>.</param>
/// <param name="Http">True for <c>mode http</c> (plain web), false for <c>mode tcp</c> (TLS passthrough, rsync).</param>
/// <param name="Bind">Where the frontend listens.</param>
/// <param name="ServerPort">The port of the service on every host's public address.</param>
/// <param name="HealthPath">The node's health endpoint for this service, on its admin listener.</param>
/// <param name="SendProxy">Prefix each connection with a PROXY v2 header, so a TCP-mode service still learns the client's address.</param>
/// <param name="Comment">Why the backend forwards the client address the way it does (rendered above its servers).</param>
internal sealed record BalancedService(string Name, bool Http, HaproxyBind Bind, int ServerPort, string HealthPath, bool SendProxy, string Comment)
{
    /// <summary>The backend's name.</summary>
    public string BackendName => $"{Name}-nodes";
}
