namespace DumpDist.TestSupport;

/// <summary>Finds files of the repository (docs/, examples) from a test's output directory.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding DumpDist.slnx, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root, e.g. <c>RepositoryPaths.File("docs", "cluster.example.yaml")</c>.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "DumpDist.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"DumpDist.slnx not found above {AppContext.BaseDirectory}");
    }
}
