using System.Globalization;
using DumpDist.TestSupport;

namespace DumpDist.Retention.Tests.Support;

/// <summary>coreutils <c>du</c>, the baseline capacity figures must agree with.</summary>
internal static class Du
{
    /// <summary><c>du -s -B1</c> (bytes on disk), or <c>du -s -b</c> (apparent) with <paramref name="apparent"/>; several paths: the <c>-c</c> total.</summary>
    public static async Task<long> BytesAsync(bool apparent, params string[] paths)
    {
        var result = await ExternalProgram.RunAsync("du", [apparent ? "-sb" : "-sB1", "-c", .. paths]);
        Assert.Equal(0, result.ExitCode);
        var total = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return long.Parse(total.Split('\t')[0], CultureInfo.InvariantCulture);
    }
}
