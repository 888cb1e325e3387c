using System.Diagnostics.CodeAnalysis;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>The client agent's options, or every error in its file (as <c>FILE:LINE:COL: error: ...</c>).</summary>
public sealed record ClientConfigLoadResult(ClientAgentOptions? Options, IReadOnlyList<string> Errors)
{
    /// <summary>True when the file loaded with no errors.</summary>
    [MemberNotNullWhen(true, nameof(Options))]
    public bool Success => Options is not null && Errors.Count == 0;
}
