namespace DumpDist.TestSupport;

/// <summary>Shared helpers for tests: temp dirs, processes, ports.</summary>
public static class TestPaths
{
    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dumpdist-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
