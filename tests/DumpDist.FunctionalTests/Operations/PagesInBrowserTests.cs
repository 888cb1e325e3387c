using DumpDist.Core.Configuration;
using DumpDist.Mirrors.Freshness;
using DumpDist.TestSupport.Browser;

namespace DumpDist.FunctionalTests.Operations;

/// <summary>
/// The pages a person opens, rendered by a real headless Chromium from a real node: what they see
/// (title, text) on a desktop and on a 390 px phone, where nothing may scroll sideways.
/// </summary>
[Collection(OperationsNodeCollection.Name)]
public sealed class PagesInBrowserTests(OperationsNode node, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private BrowserPage _page = null!;

    public async Task InitializeAsync() => _page = await chromium.Browser.NewPageAsync();

    public async Task DisposeAsync() => await _page.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StatusPage_InBrowser_ShowsTheActiveHostAndFitsTheScreen(bool phone)
    {
        await OpenAsync(node.Web("status"), phone);

        Assert.Equal("dumpdist status", await _page.EvaluateAsync<string>("document.title"));
        var activeWeb = await _page.EvaluateAsync<string>("[...document.querySelectorAll('tr')].find(r => r.cells[0] && r.cells[0].innerText.trim() === 'web').querySelector('td.active').innerText");
        Assert.Equal("a", activeWeb.Trim());
        var text = await _page.EvaluateAsync<string>("document.body.innerText");
        Assert.Contains("web: active", text, StringComparison.Ordinal);
        await AssertFitsAsync(phone);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Listing_InBrowser_ShowsTheRunsFilesAndFitsTheScreen(bool phone)
    {
        var wiki = Directory.EnumerateDirectories(node.PublicDirectory).Select(Path.GetFileName).First(n => n!.EndsWith("wiki", StringComparison.Ordinal))!;
        var run = Directory.EnumerateDirectories(Path.Combine(node.PublicDirectory, wiki)).Select(Path.GetFileName).First(n => n!.All(char.IsAsciiDigit))!;
        var longest = Directory.EnumerateFiles(Path.Combine(node.PublicDirectory, wiki, run)).Select(Path.GetFileName).MaxBy(n => n!.Length)!;

        await OpenAsync(node.Web($"{wiki}/{run}/?listing"), phone); // the run's own index.html is served at the bare URL

        Assert.Equal($"Index of /{wiki}/{run}/", await _page.EvaluateAsync<string>("document.title"));
        Assert.Contains(longest, await _page.EvaluateAsync<string>("document.body.innerText"), StringComparison.Ordinal);
        Assert.True(await _page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('td')).fontSize)") >= 14, "listing text is smaller than 14 px");
        await AssertFitsAsync(phone);
    }

    [Fact]
    public async Task MirrorsPage_InBrowserOnAPhone_MarksTheStaleMirror()
    {
        var now = DateTimeOffset.UtcNow;
        MirrorConfig[] mirrors =
        [
            new() { Name = "fresh-mirror", Url = new Uri("https://fresh.example.org/dumps/"), Hostname = "fresh.example.org", Institution = "Fresh University" },
            new() { Name = "old-mirror", Url = new Uri("https://a-mirror-with-a-rather-long-host-name.example.org/pub/wikimedia/dumps/"), Hostname = "old.example.org", Institution = "Old Institute" },
        ];
        var state = new Dictionary<string, MirrorFreshness>
        {
            ["fresh-mirror"] = new(new MirrorCheckResult("fresh-mirror", MirrorCheckStatus.Fresh, "same trace as ours", now, TimeSpan.Zero, "https://fresh.example.org/dumps/dumpdist-trace.txt"), now),
            ["old-mirror"] = new(new MirrorCheckResult("old-mirror", MirrorCheckStatus.Stale, "has the runs of 2026-11-27T00:00:00Z, 3d0h behind", now, TimeSpan.FromDays(3), "https://old.example.org/dumpdist-trace.txt"), now.AddDays(-3)),
        };
        // The page as the node writes it after a check, served by the node's web.
        await File.WriteAllTextAsync(Path.Combine(node.PublicDirectory, MirrorsPage.HtmlFileName), MirrorsPage.Html(mirrors, state, now));

        await OpenAsync(node.Web(MirrorsPage.HtmlFileName), phone: true);

        Assert.Equal("Mirrors", await _page.EvaluateAsync<string>("document.title"));
        Assert.Equal("stale", await BadgeOfAsync("old-mirror"));
        Assert.Equal("fresh", await BadgeOfAsync("fresh-mirror"));
        var staleColour = await _page.EvaluateAsync<string>("getComputedStyle([...document.querySelectorAll('tr.mirror')].find(r => r.innerText.includes('old-mirror')).querySelector('.badge')).color");
        var freshColour = await _page.EvaluateAsync<string>("getComputedStyle([...document.querySelectorAll('tr.mirror')].find(r => r.innerText.includes('fresh-mirror')).querySelector('.badge')).color");
        Assert.NotEqual(freshColour, staleColour);
        await AssertFitsAsync(phone: true);
    }

    private Task<string> BadgeOfAsync(string mirror) =>
        _page.EvaluateAsync<string>($"[...document.querySelectorAll('tr.mirror')].find(r => r.innerText.includes('{mirror}')).querySelector('.badge').innerText.trim()");

    private async Task OpenAsync(Uri url, bool phone)
    {
        if (phone)
        {
            await _page.SetViewportAsync(390, 844, mobile: true);
        }
        else
        {
            await _page.SetViewportAsync(1280, 800, mobile: false);
        }

        await _page.NavigateAsync(url);
    }

    private async Task AssertFitsAsync(bool phone)
    {
        // Without a viewport meta tag a phone lays the page out 980 px wide: the check below would then pass for nothing.
        var width = await _page.EvaluateAsync<int>("window.innerWidth");
        Assert.Equal(phone ? 390 : 1280, width);
        var scrollWidth = await _page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"the page scrolls sideways: {scrollWidth} px wide in a {width} px window");
    }
}
