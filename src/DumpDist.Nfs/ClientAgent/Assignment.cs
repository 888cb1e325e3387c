namespace DumpDist.Nfs.ClientAgent;

/// <summary>Which host the cluster assigns a service to, and where that answer came from.</summary>
/// <param name="Host">The assigned host.</param>
/// <param name="Epoch">The failover epoch of the answer (0 for the config default).</param>
/// <param name="Source">"admin API http://..." or "config default".</param>
public sealed record Assignment(string Host, long Epoch, string Source);
