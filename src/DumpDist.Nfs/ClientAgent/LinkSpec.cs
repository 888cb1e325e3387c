namespace DumpDist.Nfs.ClientAgent;

/// <summary>A symlink the agent owns (e.g. <c>/public/dumps</c>) and the path inside the active mount it points at ("" for the mount root).</summary>
public sealed record LinkSpec(string Link, string Target = "");
