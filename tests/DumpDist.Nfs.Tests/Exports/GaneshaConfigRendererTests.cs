using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Tests.Support;

namespace DumpDist.Nfs.Tests.Exports;

public sealed class GaneshaConfigRendererTests
{
    [Fact]
    public void Render_TwoServices_MatchesGoldenFile()
    {
        Golden.AssertMatches("Golden/dumps1.ganesha.conf", GaneshaConfigRenderer.Render(ExportSamples.Production, new GaneshaRenderOptions()));
    }

    [Fact]
    public void Render_Options_SetsBindAddressRecoveryRootAndPort()
    {
        var text = GaneshaConfigRenderer.Render(
            ExportSamples.Production with { Port = 20490 },
            new GaneshaRenderOptions { BindAddress = "127.0.0.1", RecoveryRoot = "/tmp/x \"y\"" });

        Assert.Contains("    NFS_Port = 20490;\n", text);
        Assert.Contains("    Bind_addr = 127.0.0.1;\n", text);
        Assert.Contains("    RecoveryRoot = \"/tmp/x \\\"y\\\"\";\n", text);
    }
}
