using DumpDist.TestSupport.Browser;

namespace DumpDist.FunctionalTests.Operations;

/// <summary>One headless Chromium for a test class (starting one takes seconds); each test opens its own tab.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public HeadlessChromium Browser { get; private set; } = null!;

    public async Task InitializeAsync() => Browser = await HeadlessChromium.StartAsync();

    public async Task DisposeAsync() => await Browser.DisposeAsync();
}
