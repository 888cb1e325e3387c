using System.Text;
using DumpDist.Web.Confinement;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

public sealed class ConfinementTests : IAsyncLifetime
{
    private const string Secret = "SECRET-OUTSIDE-THE-ROOT";
    private readonly TestTree _tree = new();
    private RunningServer _server = null!;

    public static TheoryData<string> Payloads => new()
    {
        "GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%252e%252e/%252e%252e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /..\\..\\..\\etc\\passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%5c..%5c..%5cetc%5cpasswd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/%00/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%e0%80%ae%e0%80%ae/%e0%80%ae%e0%80%ae/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%c0%af..%c0%af..%c0%afetc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /escape/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /escape-file HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /escape/ HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/latest/enwiki-latest-escape.txt HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/../../outside/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET //etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /./././../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET http://evil.example/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/20240101/enwiki-20240101-stub.xml.gz.inprog HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/bad/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/tmp/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/save/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/.rsync-partial HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/20240101/..;/..;/..;/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%2e%2e%5c%2e%2e%5cetc%5cpasswd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /..%u2216..%u2216etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /etc/passwd%00.html HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/20240101/ok.txt/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /a b/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /../../etc/passwd\r\n\r\n",
        "GET /.. HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /%2e%2e HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/%09/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /" + string.Concat(Enumerable.Repeat("../", 3000)) + "etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /escape%2fsecret.txt HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /enwiki/20240101/ok.txt HTTP/1.1\r\nHost: x\r\nX-Injected: a\rb\r\n\r\n",
        "BREW /enwiki/20240101/ok.txt HTTP/1.1\r\nHost: x\r\n\r\n",
        "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage-tls-hello\r\n\r\n",
    };

    public async Task InitializeAsync()
    {
        _tree.AddText("enwiki/20240101/ok.txt", "fine\n");
        _tree.AddText("enwiki/20240101/enwiki-20240101-stub.xml.gz.inprog", Secret);
        _tree.AddText("enwiki/bad/secret.txt", Secret);
        _tree.AddText("enwiki/tmp/secret.txt", Secret);
        _tree.AddText("enwiki/save/secret.txt", Secret);
        _tree.AddText("enwiki/.rsync-partial", Secret);
        _tree.AddFile("enwiki/20240101/enwiki-20240101-pages.xml.bz2", 300_000, seed: 5);
        _tree.AddSymlink("escape", _tree.Outside);
        _tree.AddSymlink("escape-file", Path.Combine(_tree.Outside, "secret.txt"));
        _tree.AddSymlink("enwiki/latest/enwiki-latest-escape.txt", Path.Combine(_tree.Outside, "secret.txt"));
        _tree.AddSymlink("enwiki/latest/enwiki-latest-pages.xml.bz2", "../20240101/enwiki-20240101-pages.xml.bz2");
        _tree.AddSymlink("enwiki/latest/enwiki-latest-bad.txt", "../bad/secret.txt");
        _server = await RunningServer.StartAsync(_tree);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tree.Dispose();
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task RawRequest_TraversalOrMalformed_NeverServedAndServerStillAnswers(string payload)
    {
        var response = await RawHttp.SendAsync(_server.BaseUri, Encoding.Latin1.GetBytes(payload), TimeSpan.FromSeconds(2));

        Assert.DoesNotContain(Secret, response, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:", response, StringComparison.Ordinal);
        var status = RawHttp.StatusOf(response);
        // Kestrel itself folds "/.." into "/": answering with the root's own listing is confinement working.
        var refusedOrRoot = status == 0 || status >= 400 || (status == 200 && response.Contains("Index of /<", StringComparison.Ordinal));
        Assert.True(refusedOrRoot, $"expected a refusal, got: {response[..Math.Min(300, response.Length)]}");

        var after = await Curl.GetAsync(_server.Url("enwiki/20240101/ok.txt"));
        Assert.Equal(200, after.Status);
        Assert.Equal("fine\n", after.Text);
    }

    [Fact]
    public async Task Get_SymlinkInsideRoot_Served()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/latest/enwiki-latest-pages.xml.bz2"));

        Assert.Equal(200, result.Status);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_tree.Root, "enwiki/20240101/enwiki-20240101-pages.xml.bz2")), result.Body);
    }

    [Theory]
    [InlineData("escape-file")]
    [InlineData("enwiki/latest/enwiki-latest-bad.txt")]
    [InlineData("enwiki/20240101/enwiki-20240101-stub.xml.gz.inprog")]
    [InlineData("enwiki/tmp/secret.txt")]
    public async Task Get_UnpublishedOrEscaping_404(string path)
    {
        var result = await Curl.GetAsync(_server.Url(path));

        Assert.Equal(404, result.Status);
        Assert.DoesNotContain(Secret, result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_LatestWithEscapingLinks_ShowsOnlyInsideLinks()
    {
        var result = await Curl.GetAsync(_server.Url("enwiki/latest/?format=json"));

        Assert.Equal(200, result.Status);
        Assert.Contains("enwiki-latest-pages.xml.bz2", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("enwiki-latest-escape.txt", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("enwiki-latest-bad.txt", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/enwiki/20240101/ok.txt", "Ok", "enwiki/20240101/ok.txt")]
    [InlineData("/enwiki//20240101/", "Ok", "enwiki/20240101")]
    [InlineData("/", "Ok", "")]
    [InlineData("/enwiki/../x", "BadRequest", "")]
    [InlineData("/enwiki/./x", "BadRequest", "")]
    [InlineData("/a\\b", "BadRequest", "")]
    [InlineData("/a\0b", "BadRequest", "")]
    [InlineData("/a\uFFFDb", "BadRequest", "")]
    [InlineData("/%2e%2e", "BadRequest", "")]
    [InlineData("/x.inprog", "NotFound", "")]
    [InlineData("/enwiki/temp/x", "NotFound", "")]
    [InlineData("/enwiki/not/x", "NotFound", "")]
    [InlineData("/.hidden", "NotFound", "")]
    [InlineData("relative", "BadRequest", "")]
    public void Validate_Path_Verdict(string path, string expectedVerdict, string relative)
    {
        var expected = Enum.Parse<PathVerdict>(expectedVerdict);
        var verdict = RequestPathValidator.Validate(path, out var actualRelative);

        Assert.Equal(expected, verdict);
        if (expected == PathVerdict.Ok)
        {
            Assert.Equal(relative, actualRelative);
        }
    }
}
