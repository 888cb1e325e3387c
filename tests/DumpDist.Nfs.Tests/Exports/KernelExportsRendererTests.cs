using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Tests.Support;

namespace DumpDist.Nfs.Tests.Exports;

public sealed class KernelExportsRendererTests
{
    [Fact]
    public void Render_TwoServices_MatchesGoldenFile()
    {
        Golden.AssertMatches("Golden/dumps1.exports", KernelExportsRenderer.Render(ExportSamples.Production));
    }

    [Fact]
    public void Render_NoClients_ExportsNothing()
    {
        var text = KernelExportsRenderer.Render(ExportSamples.Production with { Clients = [] });

        Assert.DoesNotContain("/srv/dumps/public", text);
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("#", line));
    }

    [Fact]
    public void Render_ClientInBothServices_ListedOnce()
    {
        var exports = ExportSamples.Production with
        {
            Clients = [new NfsClientRule("nfs-vps", "10.0.0.0/8"), new NfsClientRule("nfs-analytics", "10.0.0.0/8")],
        };

        var text = KernelExportsRenderer.Render(exports);

        Assert.Single(text.Split('\n'), line => line.Contains("10.0.0.0/8(", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_PathWithSpace_IsQuoted()
    {
        var text = KernelExportsRenderer.Render(ExportSamples.Production with { ExportPath = "/srv/my dumps/public" });

        Assert.Contains("\"/srv/my dumps/public\" \\\n", text);
    }
}
