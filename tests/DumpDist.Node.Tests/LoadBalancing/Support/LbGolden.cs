using DumpDist.TestSupport;

namespace DumpDist.Node.Tests.LoadBalancing.Support;

/// <summary>
/// Compares rendered text with a checked-in golden file (LoadBalancing/Golden). Set
/// DUMPDIST_UPDATE_GOLDEN=1 to rewrite it after a deliberate change, then review the diff.
/// </summary>
internal static class LbGolden
{
    public static void AssertMatches(string name, string actual)
    {
        var path = RepositoryPaths.File("tests", "DumpDist.Node.Tests", "LoadBalancing", "Golden", name);
        if (Environment.GetEnvironmentVariable("DUMPDIST_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run once with DUMPDIST_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
