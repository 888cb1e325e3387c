using System.Text.Json;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Retention;

/// <summary>`dumpdist capacity` and `dumpdist compare` as processes.</summary>
public sealed class CapacityAndCompareCommandTests : IDisposable
{
    private readonly SmallTree _tree = new();

    [Fact]
    public async Task Capacity_OneOffJson_TotalAgreesWithDu()
    {
        var result = await DumpDistProcess.RunAsync("capacity", "--root", _tree.Root, "--json");
        var du = await ExternalProgram.RunAsync("du", ["-sB1", _tree.Root]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(long.Parse(du.StandardOutput.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture), json.RootElement.GetProperty("total").GetProperty("allocated").GetInt64());
        Assert.Contains(json.RootElement.GetProperty("groups").EnumerateArray(), g => g.GetProperty("name").GetString() == "wikis/default" && g.GetProperty("items").GetInt32() == 5);
    }

    [Fact]
    public async Task Capacity_Table_ShowsGroupsAndTheVolume()
    {
        var result = await DumpDistProcess.RunAsync("capacity", "--config", _tree.ClusterFile(defaultKeep: 3), "--host", "dumps1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("wikis/default", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("keep 3", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("volume ", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_ExactCopyThenADifference_ExitsZeroThenOne()
    {
        var copy = Path.Combine(_tree.Directory, "copy");
        Assert.Equal(0, (await ExternalProgram.RunAsync("cp", ["-a", _tree.Root, copy])).ExitCode);

        var same = await DumpDistProcess.RunAsync("compare", _tree.Root, copy, "--checksums");
        File.AppendAllText(Path.Combine(copy, "public/aawiki/20260301/aawiki-20260301-pages.xml.bz2"), "x");
        var different = await DumpDistProcess.RunAsync("compare", _tree.Root, copy, "--json");

        Assert.Equal(0, same.ExitCode);
        Assert.Contains("identical", same.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, different.ExitCode);
        using var json = JsonDocument.Parse(different.StandardOutput);
        var difference = Assert.Single(json.RootElement.GetProperty("differences").EnumerateArray());
        Assert.Equal("size", difference.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Compare_AgainstRsyncDaemon_ExitsZeroForAnExactCopy()
    {
        await using var daemon = await RsyncDaemon.StartAsync(_tree.Root);

        var result = await DumpDistProcess.RunAsync("compare", daemon.Url, _tree.Root);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("identical", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nonexistent/dumpdist", 2, "no such directory")]
    [InlineData("host::dumps/", 2, "rsync://host[:port]/module/path")]
    [InlineData("rsync://127.0.0.1:1/dumps/", 1, "rsync://127.0.0.1:1/dumps/")]
    public async Task Compare_BadSide_ExitsWithAMessageNamingIt(string side, int exitCode, string message)
    {
        var result = await DumpDistProcess.RunAsync("compare", side, _tree.Root);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _tree.Dispose();
}
