using DumpDist.Core.Configuration;
using DumpDist.TestSupport;

namespace DumpDist.Node.Tests.LoadBalancing.Support;

/// <summary>The checked-in sample cluster files (LoadBalancing/Samples), loaded through the real loader.</summary>
internal static class LbSamples
{
    public static string Path(string name) =>
        RepositoryPaths.File("tests", "DumpDist.Node.Tests", "LoadBalancing", "Samples", name);

    public static ClusterConfig Load(string name) => Loaded(ClusterConfigLoader.Load(Path(name)));

    public static ClusterConfig Parse(string yaml) => Loaded(ClusterConfigLoader.Parse(yaml, "test.yaml"));

    private static ClusterConfig Loaded(ClusterConfigLoadResult result)
    {
        Assert.True(result.Success, string.Join('\n', result.Errors));
        return result.Config!;
    }
}
