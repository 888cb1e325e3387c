namespace DumpDist.Node.LoadBalancing;

/// <summary>The rendered HAProxy configuration, or why there is none.</summary>
/// <param name="Text">The configuration; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Options that cannot be rendered (a bind for a frontend the cluster has no service for, two frontends on one socket).</param>
/// <param name="Warnings">The configuration works but something about the cluster weakens it (e.g. the nodes will not believe X-Forwarded-For).</param>
internal sealed record HaproxyRenderResult(string? Text, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>True when <see cref="Text"/> holds a configuration.</summary>
    public bool Success => Text is not null;
}
