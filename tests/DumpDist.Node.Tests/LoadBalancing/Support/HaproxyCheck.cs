using DumpDist.TestSupport;

namespace DumpDist.Node.Tests.LoadBalancing.Support;

/// <summary>Runs the real `haproxy -c -f FILE` on a rendered configuration.</summary>
internal static class HaproxyCheck
{
    public static async Task<ProcessResult> RunAsync(string configText)
    {
        var directory = TestPaths.NewTempDirectory("haproxy-check");
        try
        {
            var path = System.IO.Path.Combine(directory, "dumpdist.cfg");
            await File.WriteAllTextAsync(path, configText);
            return await ExternalProgram.RunAsync("haproxy", ["-c", "-f", path], timeout: TimeSpan.FromSeconds(60));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
