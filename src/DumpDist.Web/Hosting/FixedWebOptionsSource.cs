namespace DumpDist.Web.Hosting;

/// <summary>Options from command-line flags: they never change.</summary>
internal sealed class FixedWebOptionsSource(WebServerOptions options) : IWebOptionsSource
{
    public WebServerOptions Build() => options;

    public IDisposable Subscribe(Action onChange) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
