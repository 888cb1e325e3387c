using DumpDist.Core.Tree;

namespace DumpDist.Core.Tests.Tree;

public sealed class PublishRulesTests
{
    [Theory]
    [InlineData("public/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2", false)]
    [InlineData("public/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2.inprog", true)]
    [InlineData("public/enwiki/20261101/temp/x.gz", true)]
    [InlineData("public/other/bad/anything", true)]
    [InlineData("public/other/save", true)]
    [InlineData(@"public\enwiki\tmp\x", true)]
    [InlineData("public/enwiki/20261101/template.txt", false)]
    [InlineData("public/nothing/file", false)]
    public void IsNeverPublished_Path_Classified(string path, bool expected) =>
        Assert.Equal(expected, PublishRules.IsNeverPublished(path));

    [Theory]
    [InlineData("public/enwiki/20261101/dumpstatus.json", true)]
    [InlineData("public/enwiki/20261101/index.html", true)]
    [InlineData("public/enwiki/20261101/enwiki-20261101-sha1sums.txt", true)]
    [InlineData("public/enwiki/20261101/enwiki-20261101-md5sums.json", true)]
    [InlineData("public/enwiki/20261101/md5sums-enwiki-20261101-page.sql.gz.txt", true)]
    [InlineData("public/enwiki/20261101/dumpruninfo.json", true)]
    [InlineData("public/enwiki/latest/enwiki-latest-pages-articles.xml.bz2", true)]
    [InlineData("public/enwiki/latest/enwiki-latest-pages-articles.xml.bz2-rss.xml", true)]
    [InlineData("public/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2", false)]
    [InlineData("public/enwiki/20261101/enwiki-20261101-siteinfo-namespaces.json.gz", false)]
    [InlineData("public/enwiki/20261101/enwiki-20261101-pages-articles-multistream-index.txt.bz2", false)]
    public void IsStatusOrIndexFile_Path_Classified(string path, bool expected) =>
        Assert.Equal(expected, PublishRules.IsStatusOrIndexFile(path));
}
