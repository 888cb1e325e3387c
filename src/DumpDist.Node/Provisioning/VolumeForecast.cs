using DumpDist.Core.Configuration;
using DumpDist.Retention.Capacity;
using DumpDist.Retention.Execution;
using DumpDist.Retention.IO;
using DumpDist.Retention.Planning;

namespace DumpDist.Node.Provisioning;

/// <summary>
/// The capacity forecast (<see cref="CapacityAnalyzer"/>: steady state under the host's retention)
/// of the tree the host will hold, against the volume its root is on. The tree to forecast from is,
/// in order: the one given, the cluster's source when it is a local directory, or the host's own
/// tree when it already holds runs. An rsync source cannot be walked here.
/// </summary>
internal sealed class VolumeForecast(TimeProvider time)
{
    public VolumeFit Check(ClusterConfig config, HostConfig host, string? from, PassProgress? progress, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(host.Root);
        var volume = CapacityVolume.Of(NearestExisting(root));
        var treeBytes = Directory.Exists(root) ? DiskUsage.Measure(root, cancellationToken).Allocated : 0;
        var (tree, note) = ForecastTree(config, root, from);
        if (tree is null)
        {
            return new VolumeFit { Note = note, Volume = volume, TreeBytes = treeBytes };
        }

        var target = new RetentionTarget(host.Name, tree, host.StateDir, [], new RetentionRules(config.Retention));
        var report = new CapacityAnalyzer(time).Analyze(target, progress, cancellationToken);
        if (tree == root && report.SteadyStateBytes == 0)
        {
            return new VolumeFit { Note = $"{root} holds no runs yet and the source is {config.Source.Url}: no forecast (give --from DIR, a copy of the tree)", Volume = volume, TreeBytes = treeBytes };
        }

        return new VolumeFit
        {
            ForecastFrom = tree,
            Note = note,
            SteadyStateBytes = report.SteadyStateBytes,
            Unbounded = report.Unbounded,
            TreeBytes = treeBytes,
            Volume = volume,
        };
    }

    private static (string? Tree, string Note) ForecastTree(ClusterConfig config, string root, string? from)
    {
        if (from is not null)
        {
            var full = Path.GetFullPath(from);
            return TreeRootCheck.Problem(full) is { } problem ? throw new ArgumentException($"--from {problem}") : (full, "from --from");
        }

        if (!config.Source.IsRsyncUrl && TreeRootCheck.Problem(config.Source.Url) is null)
        {
            return (Path.GetFullPath(config.Source.Url), "from the source (a local directory)");
        }

        if (TreeRootCheck.Problem(root) is null)
        {
            return (root, "from the host's own tree");
        }

        return (null, $"the source is {config.Source.Url} and {root} holds no tree yet: no forecast (give --from DIR, a copy of the tree, or run `dumpdist capacity` after the first sync)");
    }

    private static string NearestExisting(string path)
    {
        for (var current = path; current is not null; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
            {
                return current;
            }
        }

        return "/";
    }
}
