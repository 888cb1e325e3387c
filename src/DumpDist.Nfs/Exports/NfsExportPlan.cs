using System.Diagnostics.CodeAnalysis;

namespace DumpDist.Nfs.Exports;

/// <summary>The exports of one host mapped from the cluster config, or every reason they cannot be rendered.</summary>
public sealed record NfsExportPlan(NfsExportSet? Exports, IReadOnlyList<string> Errors)
{
    /// <summary>True when <see cref="Exports"/> can be rendered.</summary>
    [MemberNotNullWhen(true, nameof(Exports))]
    public bool Success => Exports is not null && Errors.Count == 0;
}
