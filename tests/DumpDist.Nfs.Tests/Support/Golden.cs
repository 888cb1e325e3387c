using System.Runtime.CompilerServices;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>
/// Compares generated text with a checked-in golden file. Set DUMPDIST_UPDATE_GOLDEN=1 to
/// rewrite the source copy after a deliberate change, then review the diff.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string relativePath, string actual, [CallerFilePath] string callerFile = "")
    {
        var sourcePath = Path.Combine(Path.GetDirectoryName(callerFile)!, relativePath);
        if (Environment.GetEnvironmentVariable("DUMPDIST_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(sourcePath, actual);
        }

        var expectedPath = Path.Combine(AppContext.BaseDirectory, "Exports", relativePath);
        Assert.True(File.Exists(expectedPath), $"golden file {expectedPath} is missing");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }
}
