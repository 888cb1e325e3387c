using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Tests.Transport;

public sealed class RsyncStatsTests
{
    [Fact]
    public void Read_RsyncStatsBlock_FileListAndTransferredCounts()
    {
        var stats = new RsyncStats();
        string[] output =
        [
            "",
            "Number of files: 20537 (reg: 20400, dir: 136, link: 1)",
            "Number of created files: 20535 (reg: 20400, dir: 135)",
            "Number of regular files transferred: 20399",
            "Total file size: 27193600 bytes",
            "Total transferred file size: 27190000 bytes",
            "sent 388683 bytes  received 28506021 bytes  19263136.00 bytes/sec",
        ];

        var read = output.Count(stats.Read);

        Assert.Equal(3, read);
        Assert.Equal(20401, stats.Files);
        Assert.Equal(20399, stats.TransferredFiles);
        Assert.Equal(27190000, stats.TransferredBytes);
    }

    [Theory]
    [InlineData("Number of files: 0", 0)]
    [InlineData("Number of files: 3 (dir: 3)", 0)]
    [InlineData("Number of files: 12 (reg: 10, dir: 2)", 10)]
    public void TryParseFileCount_CountsRegularFilesAndLinks(string line, long expected) =>
        Assert.Equal(expected, RsyncStats.TryParseFileCount(line));

    [Fact]
    public void Read_OtherLines_Ignored()
    {
        var stats = new RsyncStats();

        Assert.False(stats.Read(">f+++++++++|100|public/a.gz"));
        Assert.Null(stats.Files);
        Assert.Null(stats.TransferredBytes);
    }
}
