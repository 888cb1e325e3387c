using DumpDist.Core.Tree;

namespace DumpDist.Core.Tests.Tree;

public sealed class PlainFileNameTests
{
    [Theory]
    [InlineData("enwiki-20261101-pages-articles.xml.bz2")]
    [InlineData("b c.gz")]
    [InlineData("..hidden")]
    [InlineData("a..b")]
    [InlineData("wikidata-20261101-all.json.gz")]
    [InlineData("café.txt")]
    public void Problem_PlainName_None(string name) => Assert.Null(PlainFileName.Problem(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData(".", "directory")]
    [InlineData("..", "directory")]
    [InlineData("../../../etc/shadow", "separator")]
    [InlineData("sub/a.gz", "separator")]
    [InlineData("a\\b", "separator")]
    [InlineData("/dev/zero", "absolute")]
    [InlineData("a\0b", "NUL")]
    [InlineData("a\nb", "control")]
    [InlineData("a.gz\r", "control")]
    [InlineData("a\u007fb", "control")]
    public void Problem_NotPlain_Says(string name, string expected) =>
        Assert.Contains(expected, PlainFileName.Problem(name));

    [Fact]
    public void Problem_LongerThan255Bytes_Refused()
    {
        Assert.Null(PlainFileName.Problem(new string('a', 255)));
        Assert.Contains("255 bytes", PlainFileName.Problem(new string('é', 128)));
    }

    [Fact]
    public void Quote_ControlCharacters_EscapedOnOneLine() =>
        Assert.Equal("\"a\\u000ab\\u0000\\\"\"", PlainFileName.Quote("a\nb\0\""));
}
