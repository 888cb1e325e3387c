using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Tests.Transport;

public sealed class ItemizedChangeTests
{
    [Theory]
    [InlineData(">f+++++++++|5000|a/my file", true, false, 5000, "a/my file")]
    [InlineData(">f..t......|1|a/x|y", true, false, 1, "a/x|y")]
    [InlineData("cd+++++++++|4096|a/", false, false, 4096, "a/")]
    [InlineData("cL+++++++++|12|a/b/link", false, false, 12, "a/b/link")]
    [InlineData("*deleting  |0|old.gz", false, true, 0, "old.gz")]
    public void TryParse_OutFormatLine_Parsed(string line, bool transfer, bool deletion, long length, string path)
    {
        var change = ItemizedChange.TryParse(line);

        Assert.NotNull(change);
        Assert.Equal(transfer, change.IsFileTransfer);
        Assert.Equal(deletion, change.IsDeletion);
        Assert.Equal(length, change.Length);
        Assert.Equal(path, change.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("rsync: some warning")]
    [InlineData("sent 1,234 bytes  received 56 bytes")]
    [InlineData(">f+++++++++|notanumber|x")]
    public void TryParse_OtherLine_Null(string line) => Assert.Null(ItemizedChange.TryParse(line));
}
