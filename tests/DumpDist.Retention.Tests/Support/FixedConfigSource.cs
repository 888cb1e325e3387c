using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;

namespace DumpDist.Retention.Tests.Support;

/// <summary>A cluster-config source whose snapshot the test replaces (as a reload would).</summary>
internal sealed class FixedConfigSource(ClusterConfig config) : IClusterConfigSource
{
    public string Path => "/test/cluster.yaml";

    public ClusterConfig Current { get; set; } = config;

    public long Generation => 1;

    public IDisposable Subscribe(Action<ClusterConfig, ClusterConfig> onChange) => new Unsubscribe();

    public bool ReloadIfChanged() => false;

    /// <summary>One host over <paramref name="root"/>, one wiki-runs dataset at public/.</summary>
    public static ClusterConfig Config(string root, string stateDirectory, RetentionConfig retention) => new()
    {
        Source = new SourceConfig { Url = "rsync://gen.example.org/dumps/" },
        Datasets = [new DatasetConfig { Name = "xmldatadumps", Path = "public", Source = new SourceConfig { Url = "rsync://gen.example.org/dumps/" } }],
        Hosts = [new HostConfig { Name = "dumps1", PublicAddress = System.Net.IPAddress.Loopback, AdminAddress = new HostPort("127.0.0.1", 9100), Root = root, StateDir = stateDirectory }],
        Retention = retention,
    };

    private sealed class Unsubscribe : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
