using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Rules;

/// <summary>
/// A host runs one NFS server (kernel or ganesha) with one port for both client groups, so when both NFS services are
/// configured they must use the same port. Reported at the later of the two, naming the other's line.
/// </summary>
internal static class NfsPortRule
{
    public static void Check(NodeReader reader, ServicesConfig services)
    {
        if (services is not { NfsVps: { } vps, NfsAnalytics: { } analytics } || vps.Port == analytics.Port)
        {
            return;
        }

        var (first, firstPath, later, laterPath) = (vps, "services.nfs-vps.port", analytics, "services.nfs-analytics.port");
        var vpsAt = reader.Positions.Of(firstPath);
        var analyticsAt = reader.Positions.Of(laterPath);
        if (analyticsAt.Line < vpsAt.Line || (analyticsAt.Line == vpsAt.Line && analyticsAt.Column < vpsAt.Column))
        {
            (first, firstPath, later, laterPath) = (analytics, laterPath, vps, firstPath);
        }

        reader.Error(
            reader.Positions.Of(laterPath),
            laterPath,
            $"{later.Port} differs from {firstPath} {first.Port} (line {reader.Positions.Of(firstPath).Line}); one NFS server per host serves both on one port");
    }
}
