using DumpDist.TestSupport;

namespace DumpDist.Web.Tests.Support;

/// <summary>Runs the real curl and returns the status, headers and body file it produced.</summary>
internal static class Curl
{
    public static async Task<CurlResult> GetAsync(string url, params string[] extra)
    {
        var dir = TestPaths.NewTempDirectory("curl");
        var headersFile = Path.Combine(dir, "headers");
        var bodyFile = Path.Combine(dir, "body");
        var args = new List<string> { "-sS", "-D", headersFile, "-o", bodyFile, "--max-time", "30" };
        args.AddRange(extra);
        args.Add(url);
        var result = await ExternalProgram.RunAsync("curl", args);
        Assert.True(result.ExitCode == 0, $"curl failed ({result.ExitCode}): {result.StandardError}");
        var headerText = File.ReadAllText(headersFile);
        var body = File.Exists(bodyFile) ? File.ReadAllBytes(bodyFile) : [];
        Directory.Delete(dir, recursive: true);
        return CurlResult.Parse(headerText, body);
    }
}
