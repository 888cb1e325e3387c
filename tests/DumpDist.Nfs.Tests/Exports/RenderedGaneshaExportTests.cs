using System.Security.Cryptography;
using DumpDist.Nfs.Tests.Support;
using DumpDist.TestSupport;

namespace DumpDist.Nfs.Tests.Exports;

/// <summary>The rendered ganesha export, served by a real ganesha and read with libnfs-utils.</summary>
public sealed class RenderedGaneshaExportTests : IDisposable
{
    private readonly string _public = TestPaths.NewTempDirectory("nfs-public");
    private readonly string _scratch = TestPaths.NewTempDirectory("nfs-scratch");
    private const string Md5Sums = "0123456789abcdef0123456789abcdef  enwiki-20260101-pages-articles.xml.bz2\n";
    private readonly byte[] _payload = RandomNumberGenerator.GetBytes(300_000);

    public RenderedGaneshaExportTests()
    {
        Directory.CreateDirectory(Path.Combine(_public, "enwiki", "20260101"));
        File.WriteAllBytes(Path.Combine(_public, "enwiki", "20260101", "enwiki-20260101-pages-articles.xml.bz2"), _payload);
        File.WriteAllText(Path.Combine(_public, "enwiki", "20260101", "enwiki-20260101-md5sums.txt"), Md5Sums);
    }

    [Fact]
    public async Task NfsCat_AllowedClient_ReadsFileByteIdentical()
    {
        await using var ganesha = await GaneshaServer.StartAsync(_public, ["127.0.0.1"]);
        var copy = Path.Combine(_scratch, "copy.bz2");

        // Text through nfs-cat (stdout is captured as text); the binary file through nfs-cp to disk.
        var cat = await ExternalProgram.RunAsync("nfs-cat", [NfsUrl.For(ganesha.Port, "enwiki/20260101/enwiki-20260101-md5sums.txt")]);
        var cp = await ExternalProgram.RunAsync("nfs-cp", [NfsUrl.For(ganesha.Port, "enwiki/20260101/enwiki-20260101-pages-articles.xml.bz2"), copy]);

        Assert.Equal(0, cat.ExitCode);
        Assert.Equal(Md5Sums, cat.StandardOutput);
        Assert.Equal(0, cp.ExitCode);
        Assert.Equal(_payload, await File.ReadAllBytesAsync(copy));
    }

    [Fact]
    public async Task NfsLs_AllowedClient_SeesPublicDirAsPseudoRoot()
    {
        await using var ganesha = await GaneshaServer.StartAsync(_public, ["127.0.0.1"]);

        var ls = await ExternalProgram.RunAsync("nfs-ls", [NfsUrl.For(ganesha.Port, "/")]);

        Assert.Equal(0, ls.ExitCode);
        Assert.Contains("enwiki", ls.StandardOutput);
    }

    [Fact]
    public async Task NfsCp_WriteToExport_FailsReadOnlyAndLeavesTreeUnchanged()
    {
        await using var ganesha = await GaneshaServer.StartAsync(_public, ["127.0.0.1"]);
        var local = Path.Combine(_scratch, "upload.txt");
        await File.WriteAllTextAsync(local, "should not arrive");

        var cp = await ExternalProgram.RunAsync("nfs-cp", [local, NfsUrl.For(ganesha.Port, "enwiki/upload.txt")]);

        Assert.NotEqual(0, cp.ExitCode);
        Assert.Contains("NFS4ERR_ROFS", cp.StandardError + cp.StandardOutput);
        Assert.False(File.Exists(Path.Combine(_public, "enwiki", "upload.txt")));
    }

    [Theory]
    [InlineData("10.99.0.0/16")]
    [InlineData("192.0.2.7")]
    [InlineData("*.analytics.example.org")]
    public async Task NfsCat_ClientNotInList_RefusedWithAccessError(string onlyAllowed)
    {
        await using var ganesha = await GaneshaServer.StartAsync(_public, [onlyAllowed]);

        var cat = await ExternalProgram.RunAsync("nfs-cat", [NfsUrl.For(ganesha.Port, "enwiki/20260101/enwiki-20260101-pages-articles.xml.bz2")]);
        var ls = await ExternalProgram.RunAsync("nfs-ls", [NfsUrl.For(ganesha.Port, "/")]);

        Assert.NotEqual(0, cat.ExitCode);
        Assert.Contains("NFS4ERR_ACCESS", cat.StandardError + cat.StandardOutput);
        Assert.NotEqual(0, ls.ExitCode);
        Assert.Contains("NFS4ERR_ACCESS", ls.StandardError + ls.StandardOutput);
    }

    public void Dispose()
    {
        Directory.Delete(_public, recursive: true);
        Directory.Delete(_scratch, recursive: true);
    }
}
