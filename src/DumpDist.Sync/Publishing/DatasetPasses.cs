using System.Globalization;
using DumpDist.Core.Configuration;
using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Publishing;

/// <summary>Turns the cluster file into the pass options of each dataset for one host.</summary>
public static class DatasetPasses
{
    /// <summary>
    /// The passes <paramref name="host"/> runs: every dataset, or only <paramref name="onlyDataset"/>.
    /// Returns null and an error naming the problem when the host or dataset is unknown.
    /// </summary>
    public static IReadOnlyList<SyncPassOptions>? For(ClusterConfig config, string host, string? onlyDataset, out string? error)
    {
        error = null;
        if (config.FindHost(host) is not { } hostConfig)
        {
            error = $"--host {host}: no such host in the cluster file (hosts: {string.Join(", ", config.Hosts.Select(h => h.Name))})";
            return null;
        }

        var datasets = config.Datasets.AsEnumerable();
        if (onlyDataset is not null)
        {
            if (config.FindDataset(onlyDataset) is not { } one)
            {
                error = $"--dataset {onlyDataset}: no such dataset (datasets: {string.Join(", ", config.Datasets.Select(d => d.Name))})";
                return null;
            }

            datasets = [one];
        }

        var passes = new List<SyncPassOptions>();
        foreach (var dataset in datasets)
        {
            if (RsyncEndpoint.TryParse(dataset.Source.Url, out var sourceError) is not { } endpoint)
            {
                error = $"datasets.{dataset.Name}.source.url: {sourceError}";
                return null;
            }

            passes.Add(new SyncPassOptions
            {
                Dataset = dataset.Name,
                Host = hostConfig.Name,
                Source = endpoint.Combine(dataset.Path),
                Destination = Path.Combine(hostConfig.Root, dataset.Path.Trim('/')),
                TraceRoot = hostConfig.Root,
                StateDirectory = hostConfig.StateDir,
                Transfer = new RsyncTransferOptions
                {
                    BandwidthLimit = dataset.Source.BandwidthLimitKiB > 0 ? dataset.Source.BandwidthLimitKiB.ToString(CultureInfo.InvariantCulture) : null,
                    ConnectTimeoutSeconds = (int)dataset.Source.ConnectTimeout.TotalSeconds,
                    IoTimeoutSeconds = (int)dataset.Source.Timeout.TotalSeconds,
                },
                MirrorExact = dataset.Delete == DeletePolicy.MirrorExact,
                MaxDelete = dataset.MaxDelete,
                MaxLossFraction = dataset.Source.MaxLossFraction,
            });
        }

        return passes;
    }
}
