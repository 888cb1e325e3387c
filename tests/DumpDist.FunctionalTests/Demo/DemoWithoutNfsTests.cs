using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Demo;

/// <summary>The demo where ganesha is not installed: it names the packages and runs every other service.</summary>
public sealed class DemoWithoutNfsTests
{
    [Fact]
    public async Task Demo_GaneshaHiddenFromPath_NamesThePackagesServesWithoutNfsSigtermCleansUp()
    {
        // A PATH with rsync alone: what a machine without nfs-ganesha looks like to the demo and its nodes.
        var bin = TestPaths.NewTempDirectory("demo-path");
        File.CreateSymbolicLink(Path.Combine(bin, "rsync"), RsyncPath());
        try
        {
            await using var demo = DemoProcess.Start(bin);
            Assert.True(await demo.WaitReadyAsync(TimeSpan.FromMinutes(3)), "no ready line:\n" + demo.Output);
            var directory = demo.Directory;

            Assert.Contains("running without NFS: ganesha.nfsd is not installed (Debian packages nfs-ganesha nfs-ganesha-vfs)", demo.Output, StringComparison.Ordinal);
            Assert.StartsWith("not running:", demo.GuideLine("NFS"), StringComparison.Ordinal);
            Assert.DoesNotContain("nfs-vps", await File.ReadAllTextAsync(Path.Combine(directory, "cluster.yaml")), StringComparison.Ordinal);
            Assert.DoesNotContain(demo.Descendants(), c => c.Command.StartsWith("ganesha", StringComparison.Ordinal));
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            var fileUrl = new Uri(DemoProcess.Words(demo.GuideLine("a file"))[^1]);
            Assert.Equal(
                await File.ReadAllBytesAsync(Path.Combine(directory, "source", "public", fileUrl.AbsolutePath.TrimStart('/'))),
                await http.GetByteArrayAsync(fileUrl));

            await demo.SignalAsync("TERM");
            Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromMinutes(3)));
            Assert.False(Directory.Exists(directory), directory + " was not removed");
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    private static string RsyncPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(d => Path.Combine(d, "rsync")).First(File.Exists);
}
