using DumpDist.Core.Tree;

namespace DumpDist.Core.Tests.Tree;

public sealed class ChecksumFileTests
{
    private const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";
    private const string Sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

    [Theory]
    [InlineData("enwiki-20261101-md5sums.txt", ChecksumAlgorithm.Md5)]
    [InlineData("enwiki-20261101-sha1sums.json", ChecksumAlgorithm.Sha1)]
    [InlineData("md5sums-enwiki-20261101-page.sql.gz.txt", ChecksumAlgorithm.Md5)]
    [InlineData("index.html", null)]
    public void AlgorithmOf_FileName_ImpliesAlgorithm(string name, ChecksumAlgorithm? expected) =>
        Assert.Equal(expected, ChecksumFile.AlgorithmOf(name));

    [Fact]
    public void ParseText_CoreutilsLines_ReadsSums()
    {
        var result = ChecksumFile.ParseText("x", ChecksumAlgorithm.Md5, $"{Md5}  a.bz2\n{Md5.ToUpperInvariant()} *b c.gz\n\n");

        Assert.True(result.Succeeded);
        Assert.Equal(Md5, result.Value.Sums["a.bz2"]);
        Assert.Equal(Md5, result.Value.Sums["b c.gz"]);
    }

    [Fact]
    public void ParseText_NamesThatAreNotPlainFileNames_RefusedWithTheirLineOthersKept()
    {
        var text = $"{Md5}  good.gz\n{Md5}  ../../../etc/shadow\n{Md5} */dev/zero\n{Md5}  ..\n{Md5}  a\u0001b\n{Md5}  also good.gz\n";

        var result = ChecksumFile.ParseText("sums.txt", ChecksumAlgorithm.Md5, text);

        Assert.True(result.Succeeded);
        Assert.Equal(["also good.gz", "good.gz"], result.Value.Sums.Keys.Order(StringComparer.Ordinal));
        Assert.Collection(
            result.Value.Refused,
            p => Assert.Equal("sums.txt: line 2: \"../../../etc/shadow\" is not a plain file name of this run (contains a path separator); not opened", p.ToString()),
            p => Assert.StartsWith("line 3: \"/dev/zero\" is not a plain file name of this run (an absolute path)", p.Message),
            p => Assert.StartsWith("line 4: \"..\"", p.Message),
            p => Assert.StartsWith("line 5: \"a\\u0001b\" is not a plain file name of this run (contains a control character)", p.Message));
    }

    [Fact]
    public void ParseJson_KeysThatAreNotPlainFileNames_RefusedOthersKept()
    {
        var json = $"{{\"sha1\": {{\"files\": {{\"good.gz\": \"{Sha1}\", \"../x.gz\": \"{Sha1}\", \"\": \"{Sha1}\"}}}}}}";

        var result = ChecksumFile.ParseJson("sums.json", ChecksumAlgorithm.Sha1, json);

        Assert.True(result.Succeeded);
        Assert.Equal(["good.gz"], result.Value.Sums.Keys);
        Assert.Equal(2, result.Value.Refused.Count);
        Assert.StartsWith("a key of \"sha1\": \"../x.gz\" is not a plain file name", result.Value.Refused[0].Message);
        Assert.Contains("(an empty name)", result.Value.Refused[1].Message);
    }

    [Theory]
    [InlineData("nothex  a.bz2\n", "line 1")]
    [InlineData(Md5 + "  a\n" + Md5 + "a.bz2\n", "line 2")]
    [InlineData(Sha1 + "  a\n", "line 1")]
    public void ParseText_BadLine_NamesTheLine(string text, string expected)
    {
        var result = ChecksumFile.ParseText("x", ChecksumAlgorithm.Md5, text);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Problem.Message);
    }

    [Fact]
    public void ParseJson_ProductionShape_ReadsSums()
    {
        var result = ChecksumFile.ParseJson("x", ChecksumAlgorithm.Sha1, "{\"sha1\": {\"a.bz2\": \"" + Sha1 + "\"}}");

        Assert.True(result.Succeeded);
        Assert.Equal(Sha1, result.Value.Sums["a.bz2"]);
    }

    [Fact]
    public void ParseJson_ProductionFilesNesting_ReadsSums()
    {
        // dumps/checksummers.py writes {htype: {"files": {name: hex}}}.
        var result = ChecksumFile.ParseJson("x", ChecksumAlgorithm.Sha1, "{\"sha1\": {\"files\": {\"a.bz2\": \"" + Sha1 + "\"}}}");

        Assert.True(result.Succeeded);
        Assert.Equal(Sha1, Assert.Single(result.Value.Sums).Value);
        Assert.Equal("a.bz2", result.Value.Sums.Keys.Single());
    }

    [Theory]
    [InlineData("""{"md5": {}}""")]
    [InlineData("""{"sha1": {"a": "12"}}""")]
    [InlineData("""{"sha1": """)]
    public void ParseJson_Malformed_ReportsProblem(string json) =>
        Assert.False(ChecksumFile.ParseJson("x", ChecksumAlgorithm.Sha1, json).Succeeded);
}
