namespace DumpDist.Node;

/// <summary>
/// The serving-host daemon: composes sync, web, NFS (and later mirrors and retention) on one
/// generic host with the admin API, the assignments store and health for load balancers.
/// </summary>
internal static class NodeAssembly;
