using DumpDist.Nfs.ClientAgent;
using DumpDist.TestSupport;

namespace DumpDist.Nfs.Tests.ClientAgent;

public sealed class ProcMountTableTests
{
    [Theory]
    [InlineData("/mnt/nfs/dumps-dumps1", true)]
    [InlineData("/mnt/nfs/dumps-dumps1/", true)]
    [InlineData("/mnt/nfs/with space", true)]
    [InlineData("/mnt/nfs/dumps-dumps2", false)]
    [InlineData("/mnt/nfs", false)]
    public void IsMounted_MountsFile_MatchesExactMountPoint(string mountPoint, bool expected)
    {
        var dir = TestPaths.NewTempDirectory("mounts");
        try
        {
            var file = Path.Combine(dir, "mounts");
            File.WriteAllText(file, """
                proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
                203.0.113.10:/ /mnt/nfs/dumps-dumps1 nfs4 ro,noatime,vers=4.2,soft,proto=tcp,timeo=300,retrans=3 0 0
                203.0.113.20:/ /mnt/nfs/with\040space nfs4 ro 0 0
                """);

            Assert.Equal(expected, new ProcMountTable(file).IsMounted(mountPoint));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(@"/a\040b", "/a b")]
    [InlineData(@"/a\134b", @"/a\b")]
    [InlineData(@"/a\011b\012", "/a\tb\n")]
    [InlineData(@"/plain", "/plain")]
    [InlineData(@"/a\04", @"/a\04")]
    public void Unescape_KernelOctalEscapes_Decoded(string field, string expected)
    {
        Assert.Equal(expected, ProcMountTable.Unescape(field));
    }
}
