using DumpDist.Retention.Compare;
using DumpDist.Retention.IO;

namespace DumpDist.Retention.Tests.Compare;

public sealed class RsyncListParserTests
{
    [Theory]
    [InlineData("-rw-r--r--     3145728 2026/11/30 12:06:01 enwiki/20261101/big.bz2", "enwiki/20261101/big.bz2", "File", 3145728L, null)]
    [InlineData("-rw-r--r--      3,145,728 2026/11/30 12:06:01 big", "big", "File", 3145728L, null)]
    [InlineData("drwxr-xr-x        4096 2026/11/30 12:06:01 enwiki", "enwiki", "Directory", 0L, null)]
    [InlineData("lrwxrwxrwx          31 2026/11/30 12:06:01 enwiki/latest/x -> ../20261101/y", "enwiki/latest/x", "Symlink", 0L, "../20261101/y")]
    [InlineData("-rw-r--r--           1 2026/11/30 12:06:01 a/sp ace -> x", "a/sp ace -> x", "File", 1L, null)]
    [InlineData("-rw-r--r--           1 2026/11/30 12:06:01 new\\#012line", "new\nline", "File", 1L, null)]
    public void Parse_ListingLine_ReadsPathKindSizeAndTarget(string line, string path, string kind, long size, string? target)
    {
        var parsed = RsyncListParser.Parse(line);

        Assert.NotNull(parsed);
        Assert.Equal(path, parsed.Value.Path);
        Assert.Equal(Enum.Parse<FileKind>(kind), parsed.Value.Entry.Kind);
        Assert.Equal(size, parsed.Value.Entry.Size);
        Assert.Equal(target, parsed.Value.LinkTarget);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 6, 1, TimeSpan.Zero).ToUnixTimeSeconds(), parsed.Value.Entry.Mtime);
    }

    [Theory]
    [InlineData("drwxr-xr-x        4096 2026/11/30 12:06:01 .")]
    [InlineData("receiving incremental file list")]
    [InlineData("")]
    [InlineData("-rw-r--r--  notanumber 2026/11/30 12:06:01 x")]
    public void Parse_TopDirectoryOrNoise_IsNull(string line) => Assert.Null(RsyncListParser.Parse(line));
}
