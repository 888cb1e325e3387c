using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Tests.Transport;

public sealed class ListingEntryTests
{
    [Theory]
    [InlineData("-rw-r--r--        5000 2026/11/25 16:34:06 a/my file", '-', 5000, "a/my file")]
    [InlineData("drwxr-xr-x        4096 2026/11/25 16:34:06 .", 'd', 4096, ".")]
    [InlineData("lrwxrwxrwx          12 2026/11/25 16:34:53 a/b/link", 'l', 12, "a/b/link")]
    [InlineData("-rw-r--r-- 123456789012 2026/11/25 16:34:06 big", '-', 123456789012, "big")]
    public void TryParse_ListOnlyLine_Parsed(string line, char type, long size, string path)
    {
        var entry = ListingEntry.TryParse(line);

        Assert.NotNull(entry);
        Assert.Equal(type, entry.Type);
        Assert.Equal(size, entry.Size);
        Assert.Equal(path, entry.Path);
        Assert.Equal(new DateTime(2026, 11, 25, 16, 34, entry.Modified.Second, DateTimeKind.Unspecified), entry.Modified);
    }

    [Theory]
    [InlineData("")]
    [InlineData("receiving incremental file list")]
    [InlineData("-rw-r--r--        5,000 2026/11/25 16:34:06 human readable")]
    public void TryParse_OtherLine_Null(string line) => Assert.Null(ListingEntry.TryParse(line));
}
