using System.Diagnostics.CodeAnalysis;

namespace DumpDist.Nfs.Exports;

/// <summary>
/// The exports of one host mapped from the cluster config, nothing at all (no NFS service is configured), or every reason
/// they cannot be rendered.
/// </summary>
public sealed record NfsExportPlan(NfsExportSet? Exports, IReadOnlyList<string> Errors)
{
    /// <summary>The plan of a host with no NFS service configured: no exports and no errors.</summary>
    public static NfsExportPlan None { get; } = new(null, []);

    /// <summary>True when <see cref="Exports"/> can be rendered.</summary>
    [MemberNotNullWhen(true, nameof(Exports))]
    public bool Success => Exports is not null && Errors.Count == 0;

    /// <summary>True when the cluster file configures neither <c>nfs-vps</c> nor <c>nfs-analytics</c>: the host has no NFS exports.</summary>
    public bool NothingToExport => Exports is null && Errors.Count == 0;
}
